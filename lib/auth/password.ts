// Password hashing with bcrypt (bcryptjs: maintained, pure JavaScript, no native build).
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random secret at the same cost, computed once per process: compared against when the
 * username is unknown or deactivated, so those answers take as long as a wrong password does.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummy;
}
