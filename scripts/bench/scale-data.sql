-- Benchmark data for the query plans of issue 10 (store-sized EXPLAIN checks, not the reference group: that is the
-- generator's job). In store :store, :consultants generated consultants (plus the store's demo consultants) hold
-- :leads leads over three years: about 68% Active, 2% Ordered, 1% waiting for a defeat decision, the rest Won,
-- Defeated, Dormant or Invalid; one open plan per open lead and four done plans per lead, two follow-up records and
-- three history lines per lead, an order per Ordered or Won lead, a car per Won lead, a visit for every other lead.
-- Customers get 2- and 3-character zh_CN names and valid mobiles. Deterministic for the same arguments.
-- usage: psql -v store=1 -v consultants=28 -v leads=110000 -v now="'2026-12-01 08:00:00+00'" -f scale-data.sql
-- Run after migrations on a database with the demo data (Development), so the demo accounts can sign in and look.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_now AS SELECT (:now)::timestamptz AS now, ((:now)::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AS today;

INSERT INTO users (display_name, store_id, is_active, created_at, user_name, normalized_user_name, security_stamp,
                   concurrency_stamp, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                   access_failed_count)
SELECT 'Scale ' || :store || '.' || g, :store, true, (SELECT now FROM bench_now), 'scale' || :store || '.c' || g,
       upper('scale' || :store || '.c' || g), md5(g::text), md5(g::text), false, false, false, true, 0
FROM generate_series(1, :consultants) g;
INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u, roles r WHERE u.user_name LIKE 'scale' || :store || '.c%' AND r.name = 'SalesConsultant';

CREATE TEMP TABLE owners AS
SELECT row_number() OVER (ORDER BY u.id) - 1 AS slot, u.id
FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
WHERE u.store_id = :store AND r.name = 'SalesConsultant';

-- n is kept in the mobile number (1 + store digit + 9 digits of n), so later steps find a customer's n again.
INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted, marketing_consent,
                       callback_consent, cumulative_spend, created_at, updated_at, region)
SELECT :store, 0,
       a.surnames[1 + (g::bigint * 7919) % array_length(a.surnames, 1)]
       || a.given[1 + (g::bigint * 104729) % array_length(a.given, 1)]
       || CASE WHEN g % 5 < 3 THEN a.given[1 + (g::bigint * 15485863) % array_length(a.given, 1)] ELSE '' END,
       g % 3, '1' || (3 + :store % 7) || lpad(g::text, 9, '0'), g % 97 = 0, false, g % 503 = 0, g % 2 = 0, g % 3 = 0, 0,
       (SELECT now FROM bench_now) - ((g * 37) % 1095) * interval '1 day', (SELECT now FROM bench_now),
       (ARRAY['杭州','宁波','温州','上海','苏州'])[1 + g % 5]
FROM (SELECT string_to_array('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤', NULL) AS surnames,
             string_to_array('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红鹏辉飞宇浩然欣怡涵轩桐远俊嘉博佑晨曦', NULL) AS given) a,
     generate_series(1, :leads) g;

CREATE TEMP TABLE cust AS
SELECT id, substr(mobile, 3)::int AS n FROM customers WHERE store_id = :store AND mobile LIKE '1' || (3 + :store % 7) || '%'
  AND length(mobile) = 11;

-- status by n % 100: 0..67 Active, 68..69 Ordered, 70 DefeatPending, 71..80 Won, 81..92 Defeated, 93..97 Dormant, 98..99 Invalid
INSERT INTO leads (store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at, created_at,
                   first_contact_at, next_follow_up_date, last_follow_up_date, interest_has_trade_in,
                   interest_payment_method, interest_purchase_type, interest_intended_model)
SELECT :store, c.id, o.id, c.n % 7,
       CASE WHEN s.status = 1 THEN 0 ELSE 1 + (c.n / 100) % 4 END, '{}', s.status,
       t.created, t.created, CASE WHEN c.n % 10 = 0 AND s.status = 0 THEN NULL ELSE t.created + interval '2 hours' END,
       CASE WHEN s.status IN (0, 1, 3) THEN (SELECT today FROM bench_now) + ((c.n * 13) % 70 - 40) END,
       (SELECT today FROM bench_now) - (c.n % 200),
       false, 0, 0, (ARRAY['星越L','博越L','帝豪','银河L7','领克08'])[1 + c.n % 5]
FROM cust c
CROSS JOIN LATERAL (SELECT CASE WHEN c.n % 100 < 68 THEN 0 WHEN c.n % 100 < 70 THEN 1 WHEN c.n % 100 = 70 THEN 3
                                WHEN c.n % 100 < 81 THEN 2 WHEN c.n % 100 < 93 THEN 4 WHEN c.n % 100 < 98 THEN 5
                                ELSE 6 END AS status) s
CROSS JOIN LATERAL (SELECT (SELECT now FROM bench_now) - ((c.n * 37) % 1095) * interval '1 day'
                           - (c.n % 1440) * interval '1 minute' AS created) t
JOIN owners o ON o.slot = c.n % (SELECT count(*) FROM owners)
ORDER BY c.n;

CREATE TEMP TABLE bl AS
SELECT l.id, l.owner_id, l.status, l.grade, l.created_at, l.next_follow_up_date, c.n
FROM leads l JOIN cust c ON c.id = l.customer_id;

INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
SELECT id, :store, owner_id, next_follow_up_date, 0, 0, 0, created_at FROM bl WHERE status IN (0, 1, 3);
INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at, closed_at)
SELECT bl.id, :store, owner_id, (created_at AT TIME ZONE 'Asia/Shanghai')::date + k * 3, k % 3, 0,
       CASE WHEN k = 4 AND status NOT IN (0, 1, 3) THEN 2 ELSE 1 END, created_at, created_at + k * interval '3 days'
FROM bl, generate_series(1, 4) k;

INSERT INTO follow_up_records (lead_id, store_id, author_id, contacted_at, method, content, result, grade_before,
                               grade_after, business_date, created_at)
SELECT bl.id, :store, owner_id, created_at + k * interval '3 days', k % 3, '电话沟通，客户关注价格和配置', 0, grade, grade,
       ((created_at + k * interval '3 days') AT TIME ZONE 'Asia/Shanghai')::date, created_at + k * interval '3 days'
FROM bl, generate_series(1, 2) k;

INSERT INTO lead_events (lead_id, kind, actor_id, at)
SELECT bl.id, k, owner_id, created_at + k * interval '1 day' FROM bl, generate_series(0, 2) k;

INSERT INTO orders (lead_id, store_id, order_date, model, agreed_price, deposit, payment_method, grade_before, status,
                    created_at)
SELECT id, :store, (created_at AT TIME ZONE 'Asia/Shanghai')::date + 5, '星越L', 150000, 5000, 0, 1,
       CASE WHEN status = 1 THEN 0 ELSE 1 END, created_at + interval '5 days'
FROM bl WHERE status IN (1, 2);

INSERT INTO vehicles (store_id, vin, model, owner_customer_id, purchase_date, sold_by_us, created_at, plate)
SELECT :store, 'LSG' || lpad(:store::text, 2, '0') || lpad(bl.n::text, 12, '0'), '星越L', c.id,
       (bl.created_at AT TIME ZONE 'Asia/Shanghai')::date + 20, true, bl.created_at, '浙A' || lpad(to_hex(bl.n * 16 + :store), 5, '0')
FROM bl JOIN leads l ON l.id = bl.id JOIN cust c ON c.id = l.customer_id WHERE bl.status = 2;

INSERT INTO traffic_entries (store_id, kind, arrived_at, business_date, receptionist_id, is_return_visit, is_voided,
                             created_at, consultant_id, customer_id, lead_id)
SELECT :store, 0, bl.created_at, (bl.created_at AT TIME ZONE 'Asia/Shanghai')::date,
       (SELECT id FROM users WHERE user_name = 'receptionist'), false, false, bl.created_at, bl.owner_id, l.customer_id, bl.id
FROM bl JOIN leads l USING (id) WHERE bl.n % 2 = 0;
COMMIT;
VACUUM ANALYZE;
