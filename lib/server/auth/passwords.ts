import bcrypt from "bcryptjs";

// bcrypt via bcryptjs: maintained, pure JavaScript, so nothing to compile or download.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
