-- Benchmark data for the recurring jobs at the spec's scale (7.1: overdue job <= 10 s over 1.5 M open plans), on a
-- database migrated by `DealerCrm.Web.dll migrate` (no demo data): 20 stores (18 in Asia/Shanghai, 2 in Asia/Urumqi),
-- 20 consultants and 1 sales manager per store, :leads customers with one followed lead each (95 % Active, 5 %
-- Ordered) and its open plan, plus one done plan per lead. Due dates relative to :'today' (no clock is read):
-- 55 % today or in the next 29 days, 25 % 1-7 days overdue, 12 % 8-30 days overdue, 8 % 31-180 days overdue.
-- Usage: psql -v leads=1500000 -v today=2026-12-01 -f scripts/bench/overdue-data.sql
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO stores (code, name, time_zone_id, created_at, opens_at, closes_at, work_days)
SELECT 'J' || lpad(s::text, 2, '0'), 'Jobs Bench Store ' || s,
       CASE WHEN s > 18 THEN 'Asia/Urumqi' ELSE 'Asia/Shanghai' END,
       timestamptz '2020-01-01 00:00+08', '09:00', '18:00', 127
FROM generate_series(1, 20) s;
CREATE TEMP TABLE bench_store AS
SELECT row_number() OVER (ORDER BY id) - 1 AS slot, id FROM stores WHERE code LIKE 'J__';

INSERT INTO users (display_name, store_id, is_active, created_at, user_name, normalized_user_name, security_stamp,
                   concurrency_stamp, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                   access_failed_count)
SELECT CASE WHEN c = 0 THEN '经理' ELSE '顾问' END || s.slot || '-' || c, s.id, true, timestamptz '2020-01-01 00:00+08',
       'jobs.' || s.slot || '.' || c, upper('jobs.' || s.slot || '.' || c), md5(s.slot || '.' || c),
       md5(c || '.' || s.slot), false, false, false, true, 0
FROM bench_store s, generate_series(0, 20) c;
INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u JOIN roles r
  ON r.name = CASE WHEN u.user_name LIKE 'jobs.%.0' THEN 'SalesManager' ELSE 'SalesConsultant' END
WHERE u.user_name LIKE 'jobs.%';
CREATE TEMP TABLE bench_owner AS
SELECT s.slot AS store_slot, row_number() OVER (PARTITION BY u.store_id ORDER BY u.id) - 1 AS slot, u.id, u.store_id
FROM users u JOIN bench_store s ON s.id = u.store_id WHERE u.user_name LIKE 'jobs.%' AND u.user_name NOT LIKE 'jobs.%.0';

INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted, marketing_consent,
                       callback_consent, cumulative_spend, created_at, updated_at)
SELECT s.id, 0, (ARRAY['王','李','张','刘','陈','杨','赵','黄'])[1 + g % 8] || (ARRAY['伟','芳','娜','敏','静','强'])[1 + g % 6],
       g % 3, '19' || lpad(g::text, 9, '0'), false, false, false, false, false, 0,
       timestamptz '2024-01-01 00:00+08', timestamptz '2024-01-01 00:00+08'
FROM generate_series(1, :leads) g JOIN bench_store s ON s.slot = g % 20;

CREATE TEMP TABLE bench_lead AS
SELECT c.id AS customer_id, c.store_id, n::int AS n, ((n * 7919) % 1000)::int AS h
FROM (SELECT id, store_id, row_number() OVER (ORDER BY id) AS n FROM customers WHERE mobile LIKE '19%') c;

INSERT INTO leads (store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at, created_at,
                   next_follow_up_date, interest_has_trade_in, interest_payment_method, interest_purchase_type,
                   interest_intended_model)
SELECT b.store_id, b.customer_id, o.id, 2 + b.n % 3, 1 + b.n % 4, '{}', CASE WHEN b.n % 20 = 0 THEN 1 ELSE 0 END,
       :'today'::date - (200 + b.n % 700) + time '10:00', :'today'::date - (200 + b.n % 700) + time '10:00',
       CASE WHEN b.h < 550 THEN :'today'::date + (b.h % 30)
            WHEN b.h < 800 THEN :'today'::date - 1 - (b.h % 7)
            WHEN b.h < 920 THEN :'today'::date - 8 - (b.h % 23)
            ELSE :'today'::date - 31 - (b.h % 150) END,
       false, 0, 0, (ARRAY['星越L','博越L','帝豪','银河L7'])[1 + b.n % 4]
FROM bench_lead b JOIN bench_owner o ON o.store_id = b.store_id AND o.slot = (b.n / 20) % 20;

INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
SELECT l.id, l.store_id, l.owner_id, l.next_follow_up_date, 0, 0, 0, l.created_at
FROM leads l JOIN bench_store s ON s.id = l.store_id;
INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at, closed_at)
SELECT l.id, l.store_id, l.owner_id, l.created_at::date + 3, 0, 0, 1, l.created_at, l.created_at + interval '3 days'
FROM leads l JOIN bench_store s ON s.id = l.store_id;
COMMIT;
VACUUM ANALYZE;
