import type { TAuditType } from "@/lib/domain/audit-types";
import type { AuditType } from "@/lib/generated/prisma";

// lib/domain keeps its own list of audit types (it may not import Prisma). This line stops
// compiling when the schema's enum and that list differ, in either direction.
type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const AUDIT_TYPES_MATCH_SCHEMA: TSame<AuditType, TAuditType> = true;
