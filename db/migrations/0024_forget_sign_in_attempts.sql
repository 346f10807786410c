-- Sign-in attempts held emails and client addresses in clear; from the next migration on they hold keyed HMACs
-- (decision 043). The old rows only served the last minute's limit: forget them rather than carry them over.
DELETE FROM "sign_in_attempts";
