export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error("--password-stdin reads the password from standard input: pipe it in, e.g. `echo \"$PW\" | npx reflex user create …`.");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
