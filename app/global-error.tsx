"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: "4rem", textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>Reflex hit an unexpected error{error.digest ? ` (ref ${error.digest})` : ""}.</p>
      </body>
    </html>
  );
}
