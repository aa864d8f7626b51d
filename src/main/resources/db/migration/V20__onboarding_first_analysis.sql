-- Once discovery completes the platform starts a first analysis by itself (unless the onboarding opted out);
-- first_analysis_started_at makes that happen at most once per customer, even when discovery repeats.
ALTER TABLE onboarding ADD COLUMN first_analysis boolean NOT NULL DEFAULT true;
ALTER TABLE onboarding ADD COLUMN first_analysis_started_at timestamptz;
