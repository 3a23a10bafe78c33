-- Burn-down alerts (issue 5) share the alerts table (and its webhook delivery) with the probe alerts.
ALTER TYPE "AlertKind" ADD VALUE 'BLOCK_AT_RISK';
ALTER TYPE "AlertKind" ADD VALUE 'BLOCK_BACK_ON_TRACK';
