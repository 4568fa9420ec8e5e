-- A release link is a credential: whoever holds it can undo a containment once. Its
-- issuance is signed in the audit log like its use and its refusal.
ALTER TYPE "AuditType" ADD VALUE 'RELEASE_LINK_ISSUED' AFTER 'RELEASE_LINK_REFUSED';
