-- Campaigns for the benchmark group (issue 15): per store, one campaign a month for the two years before :now, each
-- with 500 contacts among the store's customers with marketing consent — all notified, 40 % invited, 20 % attended
-- (stamped on the campaign's first day) — so the M01 report and the data-quality "attended an event" read real rows.
-- Idempotent: a store that already has campaigns is skipped.
-- usage: psql -v now="'2026-12-01 08:00:00+00'" -f campaign-data.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE new_campaigns AS
SELECT s.id AS store_id, m AS month_no,
       ((:now::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - (m * 30 + 20)) AS starts_on
FROM stores s CROSS JOIN generate_series(0, 23) m
WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.store_id = s.id);

INSERT INTO campaigns (store_id, name, type, starts_on, ends_on, cost, target_model, target_leads, target_attendees,
                       target_contracts, created_by_id, created_at)
SELECT n.store_id, '月度活动 ' || n.starts_on, n.month_no % 5, n.starts_on, n.starts_on + 1, 20000 + n.month_no * 500,
       (ARRAY['星越L','博越L','帝豪','银河L7','领克08'])[1 + n.month_no % 5], 60, 80, 20,
       (SELECT id FROM users WHERE user_name = 'admin'), :now::timestamptz
FROM new_campaigns n;

INSERT INTO campaign_contacts (campaign_id, store_id, customer_id, stage, notified_at, invited_at, attended_at,
                               added_by_id, created_at)
SELECT c.id, c.store_id, x.id,
       CASE WHEN x.k % 5 = 0 THEN 3 WHEN x.k % 5 = 1 THEN 2 ELSE 1 END,
       (c.starts_on - 7)::timestamp AT TIME ZONE 'Asia/Shanghai',
       CASE WHEN x.k % 5 IN (0, 1) THEN (c.starts_on - 3)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
       CASE WHEN x.k % 5 = 0 THEN (c.starts_on + time '10:00')::timestamp AT TIME ZONE 'Asia/Shanghai' END,
       c.created_by_id, :now::timestamptz
FROM campaigns c
CROSS JOIN LATERAL (
    SELECT cu.id, row_number() OVER () AS k
    FROM customers cu
    WHERE cu.store_id = c.store_id AND cu.marketing_consent
      AND cu.id % 24 = (c.starts_on - date '2000-01-01') % 24
    LIMIT 500) x
WHERE c.created_at = :now::timestamptz
ON CONFLICT DO NOTHING;
COMMIT;
ANALYZE campaigns;
ANALYZE campaign_contacts;
