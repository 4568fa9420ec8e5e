import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId?: string;
    /** Unix seconds of the last interactive sign-in (policy signing needs a recent one). */
    authAt?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    authAt?: number;
    provider?: string;
  }
}
