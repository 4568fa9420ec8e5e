-- An approval link is a credential too: whoever holds it can approve (and so execute) an
-- escalated containment once. Its issuance is signed in the audit log like its use.
ALTER TYPE "AuditType" ADD VALUE 'APPROVAL_LINK_ISSUED' AFTER 'RELEASE_LINK_ISSUED';
