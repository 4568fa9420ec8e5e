import "server-only";
import type { TCriticality, TRegistrationInput } from "@/lib/domain/registration-input";
import { readRequirements } from "@/lib/domain/requirements-schema";
import type { TContainmentRequirements, TRegistration, TSelector } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";

// One shape for a registration outside the database: pages, the API and CSV export read
// this, never Prisma rows.

export const REGISTRATION_SELECT = {
  id: true,
  selectorKind: true,
  selectorValue: true,
  businessService: true,
  businessUnit: true,
  assetClass: true,
  criticality: true,
  justification: true,
  onCallContact: true,
  requirements: true,
  certifiedAt: true,
  expiresAt: true,
  editVersion: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, email: true } },
  campaign: { select: { id: true, name: true, cadenceDays: true } },
} satisfies Prisma.ProtectedAssetSelect;

type TRow = Prisma.ProtectedAssetGetPayload<{ select: typeof REGISTRATION_SELECT }>;

export type TRegistrationView = {
  id: string;
  selector: TSelector;
  owner: { id: string; name: string; email: string };
  businessService: string;
  businessUnit: string;
  assetClass: string;
  criticality: TCriticality;
  justification: string;
  onCallContact: string;
  requirements: TContainmentRequirements;
  certifiedAt: Date;
  expiresAt: Date | null;
  campaign: { id: string; name: string; cadenceDays: number } | null;
  editVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toRegistrationView(row: TRow): TRegistrationView {
  const { selectorKind, selectorValue, requirements, ...rest } = row;
  return { ...rest, selector: { kind: selectorKind, value: selectorValue }, requirements: readRequirements(requirements) };
}

/** The decision engine's view of the same registration. */
export function toDomainRegistration(view: TRegistrationView): TRegistration {
  return {
    id: view.id,
    selector: view.selector,
    ownerName: view.owner.name,
    businessService: view.businessService,
    assetClass: view.assetClass,
    requirements: view.requirements,
    expiresAt: view.expiresAt,
  };
}

/** The columns a registration's input sets, the same on create and on edit. */
export function registrationColumns(input: TRegistrationInput) {
  return {
    selectorKind: input.selector.kind,
    selectorValue: input.selector.value,
    businessService: input.businessService,
    businessUnit: input.businessUnit,
    assetClass: input.assetClass,
    criticality: input.criticality,
    justification: input.justification,
    onCallContact: input.onCallContact,
    requirements: input.requirements as unknown as Prisma.InputJsonValue,
  };
}
