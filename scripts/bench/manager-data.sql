-- Benchmark data for the manager's pages (spec 7.1): in store :store, :consultants generated consultants holding
-- :leads open leads between them (one open plan each, due dates spread over the last 40 and next 30 days), plus one
-- consultant "bench.leaving" holding :leaving more, the case of a consultant leaving. Run after migrations, on a
-- database with the demo data (Development) so the demo manager can sign in.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users (display_name, store_id, is_active, created_at, user_name, normalized_user_name, security_stamp,
                   concurrency_stamp, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                   access_failed_count)
SELECT 'Bench ' || g, :store, true, now(), 'bench.c' || g, upper('bench.c' || g), md5(g::text), md5(g::text), false,
       false, false, true, 0
FROM generate_series(1, :consultants) g
UNION ALL
SELECT 'Bench leaving', :store, true, now(), 'bench.leaving', 'BENCH.LEAVING', 'x', 'x', false, false, false, true, 0;
INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u, roles r WHERE u.user_name LIKE 'bench.%' AND r.name = 'SalesConsultant';

CREATE TEMP TABLE bench_owner AS
SELECT row_number() OVER (ORDER BY id) - 1 AS slot, id FROM users WHERE user_name LIKE 'bench.c%';

INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted, marketing_consent,
                       callback_consent, cumulative_spend, created_at, updated_at)
SELECT :store, 0, '客户' || g, g % 3, '17' || lpad(g::text, 9, '0'), false, false, false, false, false, 0, now(), now()
FROM generate_series(1, :leads + :leaving) g;

INSERT INTO leads (store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at, created_at,
                   next_follow_up_date, interest_has_trade_in, interest_payment_method, interest_purchase_type,
                   interest_intended_model)
SELECT :store, c.id,
       CASE WHEN n <= :leaving THEN (SELECT id FROM users WHERE user_name = 'bench.leaving')
            ELSE (SELECT id FROM bench_owner WHERE slot = n % :consultants) END,
       2 + n % 3, 1 + n % 4, '{}', 0, now() - (n % 90) * interval '1 day', now() - (n % 90) * interval '1 day',
       current_date + (n % 70 - 40)::int, false, 0, 0, (ARRAY['星越L','博越L','帝豪','银河L7'])[1 + n % 4]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers WHERE mobile LIKE '17%' AND store_id = :store) c;

INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
SELECT l.id, l.store_id, l.owner_id, l.next_follow_up_date, 0, 0, 0, l.created_at
FROM leads l JOIN customers c ON c.id = l.customer_id WHERE c.mobile LIKE '17%' AND l.store_id = :store;
COMMIT;
ANALYZE;
