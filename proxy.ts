import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Sends anonymous visitors of console pages to sign-in, remembering where they were going.
// This checks only that a session cookie is valid; roles and disabled users are checked
// against the database by the page itself (lib/server/auth/authorize.ts).
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api|_next|signin|forbidden|release|approve|favicon.ico|.*\\.(?:png|svg|ico|txt|css|js)$).*)"],
};
