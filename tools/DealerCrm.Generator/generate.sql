-- The benchmark group (issue 10, spec 7.1), set-based. Phases start at "--@phase <name> [table]"; the tool runs
-- them in order in ONE transaction on one connection and prints each phase's rows and seconds. Tokens {{...}} are
-- replaced by the tool with validated literals: {{SEED}}, {{N}} customers, {{L}} leads (1.5 N), {{S}} stores,
-- {{NOW}} (timestamptz), {{TODAY}} (the Asia/Shanghai date of NOW). Every "random" value is a hash of (seed, tag,
-- row number) (pg_temp.r), never random(), so the same arguments give the same rows. Ids are explicit or assigned by
-- identity in an ORDER BY insert (no parallel plans, no synchronized scans), so they are deterministic too.
-- Distributions are described in docs/decisions.md, "Benchmark data".

--@phase functions
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL max_parallel_maintenance_workers = 1;
SET LOCAL synchronize_seqscans = off;
SET LOCAL jit = off;
-- a uniform number in [0, 1) for (seed, tag, n)
CREATE FUNCTION pg_temp.r(t int, n bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((hashint8extended(n, {{SEED}}::bigint * 1000 + t) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
-- an integer in [0, k)
CREATE FUNCTION pg_temp.ri(t int, n bigint, k int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT floor(pg_temp.r(t, n) * k)::int $$;
-- a zh_CN personal name: a surname (common ones far more often) and one or two given characters
CREATE FUNCTION pg_temp.cname(t int, n bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT s[1 + floor(cardinality(s) * pg_temp.r(t, n) ^ 1.6)::int]
       || g[1 + pg_temp.ri(t + 1, n, cardinality(g))]
       || CASE WHEN pg_temp.r(t + 2, n) < 0.62 THEN g[1 + pg_temp.ri(t + 3, n, cardinality(g))] ELSE '' END
   FROM (SELECT '{王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗,郑,梁,谢,宋,唐,许,韩,冯,邓,曹,彭,曾,肖,田,董,袁,潘,于,蒋,蔡,余,杜,叶,程,苏,魏,吕,丁,任,沈,姚,卢,姜,崔,钟,谭,陆,汪,范,金,石,廖,贾,夏,韦,付,方,白,邹,孟,熊,秦,邱,江,尹,薛,闫,段,雷,侯,龙,史,陶,黎,贺,顾,毛,郝,龚,邵,万,钱,严,覃,武,戴,莫,孔,向,汤}'::text[] AS s,
                '{伟,芳,娜,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀,霞,平,刚,桂,英,华,玉,兰,萍,红,鹏,辉,建,国,文,斌,宇,浩,凯,健,俊,帆,帅,旭,宁,龙,林,欣,晨,婷,雪,琳,晶,颖,慧,莉,倩,佳,怡,楠,雨,瑶,梅,燕,丹,蕾,薇,海,波,峰,鑫,亮,飞,春,志,成,东,立,新,永,德,庆,金,荣,瑞,祥,博,嘉,子,梓,轩,睿,泽,一,诺,然,思,涵,可,馨,昊,天,宏,振,家,晓,秋,月,冬,云,阳,光,亚,琴,雯,洁,璐,彬,豪,磊}'::text[] AS g) x $$;
-- a point in a lead's life: slot j of k+2 equal steps over span days after created
CREATE FUNCTION pg_temp.at(created timestamptz, span float8, j int, k int) RETURNS timestamptz LANGUAGE sql IMMUTABLE
PARALLEL SAFE AS $$ SELECT date_trunc('second', created + span * j / (k + 2) * interval '1 day') $$;
CREATE FUNCTION pg_temp.day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (t AT TIME ZONE 'Asia/Shanghai')::date $$;

--@phase stores stores
INSERT INTO stores (id, code, name, time_zone_id, created_at, opens_at, closes_at, work_days)
SELECT s,
       CASE s WHEN 1 THEN 'DEMO1' WHEN 2 THEN 'DEMO2' ELSE 'S' || lpad(s::text, 3, '0') END,
       CASE s WHEN 1 THEN 'Demo Store 1' WHEN 2 THEN 'Demo Store 2'
              ELSE ('{上海浦东,上海闵行,上海嘉定,苏州园区,苏州吴中,杭州滨江,杭州萧山,宁波鄞州,无锡新区,南京江宁,南京河西,常州武进,嘉兴南湖,绍兴柯桥,南通崇川,合肥包河,昆山花桥,湖州吴兴}'::text[])[1 + (s - 3) % 18]
                   || '店' || CASE WHEN s > 20 THEN ' ' || s ELSE '' END END,
       'Asia/Shanghai', {{NOW}} - interval '4 years', time '08:30', time '17:30', 63
FROM generate_series(1, {{S}}) s;
-- Demo Store 1 has 11% of the customers (and so of the leads); the others share the rest unevenly.
CREATE TEMP TABLE gen_cfg ON COMMIT DROP AS
SELECT array_agg(lo ORDER BY store_id) AS store_lo
FROM (SELECT store_id, coalesce(sum(w) OVER (ORDER BY store_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS lo
      FROM (SELECT s AS store_id, CASE WHEN s = 1 THEN 0.11
                   ELSE 0.89 * (0.5 + pg_temp.r(2, s)) / sum(0.5 + pg_temp.r(2, s)) FILTER (WHERE s > 1) OVER () END AS w
            FROM generate_series(1, {{S}}) s) w) x;

--@phase staff users
-- The demo accounts (DemoDataSeeder.Accounts, ids 1..11 in its order) come as parameters; then per store a sales
-- manager and a receptionist where the demo accounts have none, and consultants: 30 in Demo Store 1 (with
-- consultant.li and consultant.zhang), 20 in Demo Store 2, 16-24 elsewhere.
CREATE TEMP TABLE gen_users ON COMMIT DROP AS
SELECT d.ord::bigint AS id, CASE d.store WHEN 'DEMO1' THEN 1 ELSE 2 END AS store_id, d.role, d.user_name, d.display_name
FROM unnest(@demo_names::text[], @demo_displays::text[], @demo_stores::text[], @demo_roles::text[])
     WITH ORDINALITY AS d(user_name, display_name, store, role, ord);
INSERT INTO gen_users
SELECT 11 + row_number() OVER (ORDER BY store_id, role, k), store_id, role,
       's' || lpad(store_id::text, 2, '0') || CASE role WHEN 'SalesManager' THEN '.manager'
           WHEN 'Receptionist' THEN '.reception' ELSE '.c' || lpad(k::text, 2, '0') END,
       pg_temp.cname(100, store_id * 1000 + k + CASE role WHEN 'SalesManager' THEN 500 WHEN 'Receptionist' THEN 600 ELSE 0 END)
FROM (SELECT s AS store_id, 'SalesManager' AS role, 0 AS k FROM generate_series(3, {{S}}) s
      UNION ALL SELECT s, 'Receptionist', 0 FROM generate_series(2, {{S}}) s
      UNION ALL SELECT s, 'SalesConsultant', k FROM generate_series(1, {{S}}) s,
          generate_series(1, CASE s WHEN 1 THEN 28 WHEN 2 THEN 19 ELSE 16 + pg_temp.ri(3, s, 9) END) k) w;
INSERT INTO users (id, display_name, store_id, is_active, created_at, user_name, normalized_user_name, email_confirmed,
                   password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                   lockout_enabled, access_failed_count, must_change_password)
SELECT id, display_name, store_id, true, {{NOW}} - interval '3 years 1 month', user_name, upper(user_name), false,
       @password_hash, upper(md5({{SEED}} || ':stamp:' || user_name)), md5({{SEED}} || ':cc:' || user_name)::uuid::text,
       false, false, true, 0, false
FROM gen_users ORDER BY id;
INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM gen_users u JOIN roles r ON r.name = u.role ORDER BY u.id;
CREATE TEMP TABLE gen_store ON COMMIT DROP AS
SELECT s.id AS store_id,
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'SalesManager') AS manager_id,
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'Receptionist') AS receptionist_id,
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'SalesConsultant') AS first_consultant_id
FROM stores s;

--@phase lead-plan gen_lead
-- One row per lead with its whole life decided: customer, store, age, status, grade, number of follow-ups, dates.
-- Leads 1..N belong to customers 1..N; leads N+1..1.5N are older, closed leads of the odd customers (a returning
-- customer), so a customer never has two open leads.
CREATE TEMP TABLE gen_lead ON COMMIT DROP AS
WITH b AS (
    SELECT i, CASE WHEN i <= {{N}} THEN i ELSE 2 * (i - {{N}}) - 1 END AS cust, i > {{N}} AS second
    FROM generate_series(1::bigint, {{L}}) i
), a AS (
    SELECT i, cust, second,
           CASE WHEN second THEN 1095.0 * pg_temp.r(20, cust) + (1095.0 - 1095.0 * pg_temp.r(20, cust)) * pg_temp.r(21, i)
                ELSE 1095.0 * pg_temp.r(20, cust) END AS age,
           pg_temp.r(22, i) AS u
    FROM b
), s AS (
    SELECT i, cust, second, age,
           width_bucket(pg_temp.r(1, cust), (SELECT store_lo FROM gen_cfg)) AS store_id,
           CASE WHEN second THEN CASE WHEN u < 0.45 THEN 2 WHEN u < 0.85 THEN 4 ELSE 5 END
                WHEN age < 45 THEN CASE WHEN u < 0.84 THEN 0 WHEN u < 0.90 THEN 1 WHEN u < 0.92 THEN 3
                                        WHEN u < 0.95 THEN 2 ELSE 4 END
                WHEN age < 180 THEN CASE WHEN u < 0.45 THEN 0 WHEN u < 0.50 THEN 1 WHEN u < 0.51 THEN 3
                                         WHEN u < 0.71 THEN 2 WHEN u < 0.93 THEN 4 ELSE 5 END
                ELSE CASE WHEN u < 0.12 THEN 0 WHEN u < 0.125 THEN 3 WHEN u < 0.485 THEN 2 WHEN u < 0.865 THEN 4
                          ELSE 5 END END AS status,
           pg_temp.r(23, i) AS ug
    FROM a
), g AS (
    SELECT s.*,
           -- grade before any order: H 1, A 2, B 3, C 4
           CASE WHEN status IN (1, 2) THEN CASE WHEN ug < 0.7 THEN 1 ELSE 2 END
                WHEN status = 5 THEN 4
                WHEN status IN (3, 4) THEN CASE WHEN ug < 0.15 THEN 2 WHEN ug < 0.55 THEN 3 ELSE 4 END
                ELSE CASE WHEN ug < 0.10 THEN 1 WHEN ug < 0.35 THEN 2 WHEN ug < 0.70 THEN 3 ELSE 4 END END AS base_grade,
           CASE WHEN age < 0.2 THEN 0 ELSE pg_temp.ri(24, i, 6) + CASE WHEN status IN (1, 2) THEN 1 ELSE 0 END END AS k,
           CASE WHEN status = 2 THEN least(age * 0.999, 15 + 75 * pg_temp.r(27, i))
                WHEN status = 4 THEN least(age * 0.999, 10 + 90 * pg_temp.r(27, i))
                WHEN status = 5 THEN least(age * 0.999, 90 + 60 * pg_temp.r(27, i))
                ELSE age * 0.999 END AS span,
           date_trunc('second', {{NOW}} - age * interval '1 day') AS created_at,
           width_bucket(pg_temp.r(28, i), '{0,0.35,0.45,0.53,0.63,0.80,0.85,0.90,0.94,0.97,0.99,0.995}'::float8[]) - 1 AS source,
           pg_temp.ri(29, i, 8) AS model
    FROM s
)
SELECT g.*,
       CASE WHEN status IN (1, 2) THEN 0 ELSE base_grade END AS grade,
       k + 1 + CASE WHEN status IN (1, 2) THEN 1 ELSE 0 END AS np,
       pg_temp.at(created_at, span, k + 1, k) AS t_close,
       date_trunc('second', created_at + span * interval '1 day') AS t_end,
       pg_temp.at(created_at, span, k, k) AS t_last,
       CASE WHEN status IN (0, 1, 3) THEN
           greatest(CASE WHEN pg_temp.r(25, i) < 0.04 THEN {{TODAY}} - (31 + pg_temp.ri(26, i, 60))
                         WHEN pg_temp.r(25, i) < 0.28 THEN {{TODAY}} - (1 + pg_temp.ri(26, i, 10))
                         WHEN pg_temp.r(25, i) < 0.45 THEN {{TODAY}}
                         ELSE {{TODAY}} + (1 + pg_temp.ri(26, i, 14)) END,
                    pg_temp.day(CASE WHEN status = 1 THEN pg_temp.at(created_at, span, k + 1, k)
                                     ELSE pg_temp.at(created_at, span, k, k) END))
       END AS open_due,
       (round((90000 + 210000 * pg_temp.r(30, i)) / 100) * 100)::numeric(12, 2) AS price,
       ((1 + pg_temp.ri(31, i, 4)) * 5000)::numeric(12, 2) AS deposit
FROM g;
CREATE UNIQUE INDEX ON gen_lead (i);
ANALYZE gen_lead;

--@phase lead-ids gen_lead2
-- Ids of the rows each lead owns (plans, records, order, delivery, defeat request, traffic) and its owner. The
-- owner is drawn by weight among the store's consultants; consultant.li (id 4) takes a share of Demo Store 1 sized
-- so that they hold about 3,000 open leads at 1M customers (at least 30).
CREATE TEMP TABLE gen_owner ON COMMIT DROP AS
SELECT store_id, array_agg(id ORDER BY id) AS ids, array_agg(lo ORDER BY id) AS lo
FROM (SELECT store_id, id, coalesce(sum(w) OVER (PARTITION BY store_id ORDER BY id
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER (PARTITION BY store_id) AS lo
      FROM (SELECT store_id, id, CASE WHEN user_name = 'consultant.zhang' THEN 1.0 ELSE 0.4 + 1.2 * pg_temp.r(4, id) END AS w
            FROM gen_users WHERE role = 'SalesConsultant' AND user_name <> 'consultant.li') c) x
GROUP BY store_id;
CREATE TEMP TABLE gen_lead2 ON COMMIT DROP AS
WITH li AS (
    SELECT least(0.9, greatest(30, round(3000.0 * {{N}} / 1000000)) / greatest(1, count(*))::float8) AS p
    FROM gen_lead WHERE store_id = 1 AND status IN (0, 1, 3)
)
SELECT l.*,
       CASE WHEN l.store_id = 1 AND pg_temp.r(40, l.i) < (SELECT p FROM li) THEN 4
            ELSE o.ids[width_bucket(pg_temp.r(41, l.i), o.lo)] END AS owner_id,
       sum(np) OVER w - np AS plan_base,
       sum(k) OVER w - k AS rec_base,
       CASE WHEN status IN (1, 2) THEN count(*) FILTER (WHERE status IN (1, 2)) OVER w END AS order_id,
       CASE WHEN status = 2 THEN count(*) FILTER (WHERE status = 2) OVER w END AS won_id,
       CASE WHEN status IN (3, 4) THEN count(*) FILTER (WHERE status IN (3, 4)) OVER w END AS defeat_id,
       CASE WHEN source IN (0, 1) THEN count(*) FILTER (WHERE source IN (0, 1)) OVER w END AS traffic_id
FROM gen_lead l JOIN gen_owner o ON o.store_id = l.store_id
WINDOW w AS (ORDER BY l.i);
CREATE UNIQUE INDEX ON gen_lead2 (i);
ANALYZE gen_lead2;

--@phase drop-indexes
-- Loading into tables without their secondary indexes and foreign keys is several times faster; the definitions
-- are kept and everything is created again, the same, before the transaction commits (unique ones then check the
-- invariants: one open plan per lead, one open lead per customer, unique mobiles and VINs).
CREATE TEMP TABLE gen_ddl ON COMMIT DROP AS
SELECT 1 AS ord, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_sql,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create_sql
FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
UNION ALL
SELECT 2, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = 'public'::regnamespace AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
  AND t.relname IN ('customers', 'leads', 'lead_events', 'follow_up_plans', 'follow_up_records', 'traffic_entries',
                    'vehicles', 'orders', 'deliveries', 'notifications', 'callback_tasks', 'defeat_requests',
                    'incoming_leads');
DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT drop_sql FROM gen_ddl ORDER BY ord, drop_sql LOOP EXECUTE d.drop_sql; END LOOP;
END $$;

--@phase customers customers
INSERT INTO customers (id, store_id, kind, name, gender, mobile, region, is_vip, is_key_account, is_blacklisted,
                       marketing_consent, marketing_consent_changed_at, callback_consent, callback_consent_changed_at,
                       cumulative_spend, created_at, updated_at)
SELECT c.i, c.store_id, 0, pg_temp.cname(10, c.i), 1 + (pg_temp.r(15, c.i) < 0.42)::int,
       -- unique: the prefix is c mod 36, the 8 digits a bijection of c div 36 (an odd multiplier not ending in 5)
       ('{138,139,137,136,135,134,159,158,157,150,151,152,188,187,182,183,184,178,130,131,132,155,156,185,186,176,133,153,180,181,189,177,173,166,191,198}'::text[])[1 + (c.i + {{SEED}}) % 36]
           || lpad((((c.i / 36) * 7919317 + {{SEED}} * 104729) % 100000000)::text, 8, '0'),
       split_part(s.name, '店', 1),
       pg_temp.r(16, c.i) < 0.03, false, false,
       pg_temp.r(17, c.i) < 0.6, CASE WHEN pg_temp.r(17, c.i) < 0.6 THEN least(c.created_at, coalesce(o.created_at, c.created_at)) END,
       pg_temp.r(18, c.i) < 0.85, CASE WHEN pg_temp.r(18, c.i) < 0.85 THEN least(c.created_at, coalesce(o.created_at, c.created_at)) END,
       CASE WHEN c.status = 2 THEN c.price - 2000 ELSE 0 END + CASE WHEN o.status = 2 THEN o.price - 2000 ELSE 0 END,
       least(c.created_at, coalesce(o.created_at, c.created_at)),
       greatest(c.created_at, coalesce(o.created_at, c.created_at))
FROM gen_lead c
JOIN stores s ON s.id = c.store_id
LEFT JOIN gen_lead o ON o.i = {{N}} + (c.i + 1) / 2 AND c.i % 2 = 1 AND o.i > {{N}}
WHERE c.i <= {{N}};

--@phase traffic traffic_entries
-- A walk-in or a call for every showroom lead (the lead points at it), and a return visit for 40% of the walk-ins
-- that were followed up.
INSERT INTO traffic_entries (id, store_id, kind, arrived_at, left_at, business_date, visitor_name, mobile, purpose,
                             party_size, receptionist_id, consultant_id, customer_id, is_return_visit, lead_id,
                             is_voided, created_at)
SELECT l.traffic_id, l.store_id, l.source, l.created_at,
       CASE WHEN l.source = 0 THEN least({{NOW}}, l.created_at + (20 + pg_temp.ri(50, l.i, 100)) * interval '1 minute') END,
       pg_temp.day(l.created_at), c.name, c.mobile,
       CASE WHEN l.source = 0 THEN pg_temp.ri(51, l.i, 3) END, CASE WHEN l.source = 0 THEN 1 + pg_temp.ri(52, l.i, 3) END,
       st.receptionist_id, l.owner_id, l.cust, false, l.i, false, l.created_at
FROM gen_lead2 l JOIN customers c ON c.id = l.cust JOIN gen_store st ON st.store_id = l.store_id
WHERE l.traffic_id IS NOT NULL;
INSERT INTO traffic_entries (id, store_id, kind, arrived_at, left_at, business_date, visitor_name, mobile, purpose,
                             party_size, receptionist_id, consultant_id, customer_id, is_return_visit, lead_id,
                             is_voided, created_at)
SELECT coalesce((SELECT max(traffic_id) FROM gen_lead2), 0) + row_number() OVER (ORDER BY l.i), l.store_id, 0, pg_temp.at(l.created_at, l.span, 1, l.k),
       least({{NOW}}, pg_temp.at(l.created_at, l.span, 1, l.k) + (30 + pg_temp.ri(53, l.i, 90)) * interval '1 minute'),
       pg_temp.day(pg_temp.at(l.created_at, l.span, 1, l.k)), c.name, c.mobile, 1, 1 + pg_temp.ri(54, l.i, 3),
       st.receptionist_id, l.owner_id, l.cust, true, l.i, false, pg_temp.at(l.created_at, l.span, 1, l.k)
FROM gen_lead2 l JOIN customers c ON c.id = l.cust JOIN gen_store st ON st.store_id = l.store_id
WHERE l.source = 0 AND l.k >= 1 AND pg_temp.r(55, l.i) < 0.4 ORDER BY l.i;

--@phase leads leads
INSERT INTO leads (id, store_id, customer_id, owner_id, source, traffic_entry_id, grade, grade_signs, status, arrived_at,
                   first_contact_at, next_follow_up_date, last_follow_up_date, created_at, interest_budget,
                   interest_colour, interest_has_trade_in, interest_intended_model, interest_payment_method,
                   interest_purchase_type, interest_trade_in_car, needs_what, is_out_of_control)
SELECT i, store_id, cust, owner_id, source, traffic_id, grade,
       CASE base_grade WHEN 1 THEN '{1,2,3}'::int[] WHEN 2 THEN '{11,12}'::int[] WHEN 3 THEN '{21,23}'::int[]
                       ELSE '{31}'::int[] END,
       status, created_at,
       CASE WHEN k >= 1 THEN pg_temp.at(created_at, span, 1, k) END,
       open_due,
       CASE WHEN k >= 1 THEN pg_temp.day(t_last) END,
       created_at,
       (round(price / 10000) * 10000)::numeric(12, 2),
       ('{星际银,极地白,曜石黑,深空灰,天青蓝,胭脂红}'::text[])[1 + pg_temp.ri(60, i, 6)],
       pg_temp.r(61, i) < 0.2,
       ('{星越L,博越L,帝豪,银河L7,银河E8,领克08,极氪001,缤越}'::text[])[1 + model],
       pg_temp.ri(62, i, 4), pg_temp.ri(63, i, 4),
       CASE WHEN pg_temp.r(61, i) < 0.2 THEN ('{大众朗逸,丰田卡罗拉,本田思域,日产轩逸}'::text[])[1 + pg_temp.ri(64, i, 4)] END,
       CASE WHEN pg_temp.r(65, i) < 0.3 THEN ('{家用代步,接送孩子,商务接待,周末自驾}'::text[])[1 + pg_temp.ri(66, i, 4)] END,
       status IN (0, 1) AND open_due < {{TODAY}} - 30
FROM gen_lead2;

--@phase orders orders
INSERT INTO orders (id, lead_id, store_id, order_date, model, configuration, colour, agreed_price, deposit,
                    payment_method, expected_delivery_date, contract_number, grade_before, status, created_at)
SELECT order_id, i, store_id, pg_temp.day(t_close),
       ('{星越L,博越L,帝豪,银河L7,银河E8,领克08,极氪001,缤越}'::text[])[1 + model],
       ('{尊贵型,豪华型,旗舰型}'::text[])[1 + pg_temp.ri(70, i, 3)],
       ('{星际银,极地白,曜石黑,深空灰,天青蓝,胭脂红}'::text[])[1 + pg_temp.ri(60, i, 6)],
       price, deposit, 1 + pg_temp.ri(71, i, 3), pg_temp.day(t_close) + 14 + pg_temp.ri(72, i, 30),
       'HT' || to_char(t_close AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || lpad(order_id::text, 7, '0'),
       base_grade, CASE WHEN status = 2 THEN 1 ELSE 0 END, t_close
FROM gen_lead2 WHERE order_id IS NOT NULL;

--@phase vehicles vehicles
-- The cars delivered (id = delivery id) and, to reach about N, cars the customers bought elsewhere (trade-ins,
-- service customers). VIN: a Chinese WMI, hashed VDS and year, then plant + serial from the id (unique).
INSERT INTO vehicles (id, store_id, vin, plate, brand, model, colour, owner_customer_id, purchase_date, delivery_date,
                      sold_by_us, created_at)
SELECT v.id, v.store_id,
       ('{LB3,LB3,LB3,L6T,LJ8,LGX}'::text[])[1 + pg_temp.ri(80, v.id, 6)]
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(82, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(83, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(84, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(85, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(86, v.id, 33), 1)
         || substr('0123456789X', 1 + pg_temp.ri(86, v.id, 11), 1)
         || substr('HJKLMNPRSTV', 1 + greatest(0, least(10, extract(year FROM v.purchase_date)::int - 2017)), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + ((v.id / 1000000) % 33)::int, 1)
         || lpad((v.id % 1000000)::text, 6, '0'),
       ('{沪,苏,浙,皖}'::text[])[1 + CASE WHEN v.store_id <= 5 THEN 0 ELSE v.store_id % 4 END]
         || substr('ABCDEFGHJKLMN', 1 + pg_temp.ri(87, v.id, 13), 1)
         || substr('ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + pg_temp.ri(88, v.id, 24), 1)
         || lpad(pg_temp.ri(89, v.id, 10000)::text, 4, '0'),
       v.brand, v.model, v.colour, v.owner, v.purchase_date, v.delivery_date, v.sold_by_us, v.created_at
FROM (SELECT won_id AS id, store_id, cust AS owner, pg_temp.day(t_end) AS purchase_date, pg_temp.day(t_end) AS delivery_date,
             true AS sold_by_us, t_end AS created_at,
             CASE WHEN model = 5 THEN '领克' WHEN model = 6 THEN '极氪' ELSE '吉利' END AS brand,
             ('{星越L,博越L,帝豪,银河L7,银河E8,领克08,极氪001,缤越}'::text[])[1 + model] AS model,
             ('{星际银,极地白,曜石黑,深空灰,天青蓝,胭脂红}'::text[])[1 + pg_temp.ri(60, i, 6)] AS colour
      FROM gen_lead2 WHERE won_id IS NOT NULL
      UNION ALL
      SELECT w.won + x, c.store_id, c.id, pg_temp.day(c.created_at) - pg_temp.ri(90, x, 2500), NULL, false, c.created_at,
             ('{大众,丰田,本田,别克,日产}'::text[])[1 + pg_temp.ri(91, x, 5)],
             ('{朗逸,卡罗拉,思域,英朗,轩逸}'::text[])[1 + pg_temp.ri(91, x, 5)], '白色'
      FROM (SELECT count(won_id) AS won FROM gen_lead2) w,
           generate_series(1, greatest(0, {{N}} - (SELECT count(won_id) FROM gen_lead2))) x
      JOIN customers c ON c.id = 1 + pg_temp.ri(92, x, {{N}})) v;

--@phase deliveries deliveries
INSERT INTO deliveries (id, lead_id, order_id, store_id, customer_id, vehicle_id, delivered_at, final_price,
                        invoice_number, created_at)
SELECT won_id, i, order_id, store_id, cust, won_id, t_end, price - 2000,
       'FP' || to_char(t_end AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || lpad(won_id::text, 8, '0'), t_end
FROM gen_lead2 WHERE won_id IS NOT NULL;
-- the three-day call after each delivery (spec: the delivery creates it)
INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, delivery_id, due_date, status, created_at)
SELECT store_id, 0, cust, won_id, won_id, pg_temp.day(t_end) + 3,
       CASE WHEN pg_temp.day(t_end) + 3 >= {{TODAY}} THEN 0
            ELSE CASE WHEN pg_temp.r(95, i) < 0.85 THEN 1 WHEN pg_temp.r(95, i) < 0.93 THEN 3 ELSE 2 END END,
       t_end
FROM gen_lead2 WHERE won_id IS NOT NULL ORDER BY won_id;

--@phase defeat-requests defeat_requests
INSERT INTO defeat_requests (id, lead_id, store_id, requested_by_id, reason, competitor_brand, competitor_model,
                             explanation, grade_at_request, decision, decided_by_id, decided_at, decision_comment,
                             created_at)
SELECT l.defeat_id, l.i, l.store_id, l.owner_id, pg_temp.ri(96, l.i, 7),
       CASE WHEN pg_temp.ri(96, l.i, 7) IN (0, 1) THEN ('{比亚迪,特斯拉,大众,丰田,理想}'::text[])[1 + pg_temp.ri(97, l.i, 5)] END,
       NULL,
       ('{客户已在别处购车,预算不足暂缓购车,多次联系不上,客户表示不再考虑,家人意见不同暂不购买}'::text[])[1 + pg_temp.ri(98, l.i, 5)],
       l.base_grade, CASE WHEN l.status = 4 THEN 1 ELSE 0 END,
       CASE WHEN l.status = 4 THEN st.manager_id END, CASE WHEN l.status = 4 THEN l.t_end END,
       CASE WHEN l.status = 4 THEN '同意战败' END, l.t_close
FROM gen_lead2 l JOIN gen_store st ON st.store_id = l.store_id
WHERE l.defeat_id IS NOT NULL;

--@phase plans follow_up_plans
-- Per lead: plan j (1..k) done by follow-up record j; then the plan scheduled after the last record — open for an
-- open lead, cancelled by the order, the defeat or dormancy; an ordered lead then has its order-reassurance plan,
-- open, or done by the delivery. Half of the overdue open plans were notified already (the overdue job's mark).
INSERT INTO follow_up_plans (id, lead_id, store_id, owner_id, due_date, method, purpose, note, status, created_at,
                             closed_at, overdue_notified)
SELECT l.plan_base + j, l.i, l.store_id, l.owner_id,
       CASE WHEN j <= l.k THEN greatest(pg_temp.day(pg_temp.at(l.created_at, l.span, j - 1, l.k)),
                                        pg_temp.day(pg_temp.at(l.created_at, l.span, j, l.k)) - pg_temp.ri(100 + j, l.i, 3))
            WHEN j = l.k + 1 AND l.status IN (0, 3) THEN l.open_due
            WHEN j = l.k + 1 THEN greatest(pg_temp.day(pg_temp.at(l.created_at, l.span, j - 1, l.k)), pg_temp.day(l.t_close))
            WHEN l.status = 1 THEN l.open_due
            ELSE pg_temp.day(l.t_end) END,
       CASE WHEN j = l.k + 2 THEN 0 ELSE ('{0,0,0,2,2,3,4,1}'::int[])[1 + pg_temp.ri(110, l.plan_base + j, 8)] END,
       CASE WHEN j = l.k + 2 THEN 6 ELSE ('{0,0,1,2,3,5,5,4}'::int[])[1 + pg_temp.ri(111, l.plan_base + j, 8)] END,
       NULL,
       CASE WHEN j <= l.k THEN 1
            WHEN j = l.k + 1 THEN CASE WHEN l.status IN (0, 3) THEN 0 ELSE 2 END
            WHEN l.status = 1 THEN 0 ELSE 1 END,
       CASE WHEN j = l.k + 2 THEN l.t_close ELSE pg_temp.at(l.created_at, l.span, j - 1, l.k) END,
       CASE WHEN j <= l.k THEN pg_temp.at(l.created_at, l.span, j, l.k)
            WHEN j = l.k + 1 THEN CASE WHEN l.status IN (0, 3) THEN NULL WHEN l.status IN (1, 2) THEN l.t_close ELSE l.t_end END
            WHEN l.status = 1 THEN NULL ELSE l.t_end END,
       l.status IN (0, 1) AND l.open_due < {{TODAY}} AND pg_temp.r(112, l.i) < 0.5
            AND ((j = l.k + 1 AND l.status = 0) OR (j = l.k + 2 AND l.status = 1))
FROM gen_lead2 l, generate_series(1, l.np) j;

--@phase records follow_up_records
INSERT INTO follow_up_records (id, lead_id, store_id, author_id, contacted_at, method, content, result, grade_before,
                               grade_after, plan_id, business_date, created_at)
SELECT l.rec_base + j, l.i, l.store_id, l.owner_id, pg_temp.at(l.created_at, l.span, j, l.k),
       ('{0,0,0,2,2,1,3,4}'::int[])[1 + pg_temp.ri(120, l.rec_base + j, 8)],
       ('{电话沟通，客户对车型比较满意,微信发送报价单,邀约周末到店试驾,客户到店看车，关注配置差异,已报价，客户考虑中,客户在对比竞品,客户询问贷款方案,未接通，稍后再联系}'::text[])[1 + pg_temp.ri(121, l.rec_base + j, 8)],
       ('{0,6,3,4,6,0,0,1}'::int[])[1 + pg_temp.ri(121, l.rec_base + j, 8)],
       l.base_grade, l.base_grade, l.plan_base + j,
       pg_temp.day(pg_temp.at(l.created_at, l.span, j, l.k)), pg_temp.at(l.created_at, l.span, j, l.k)
FROM gen_lead2 l, generate_series(1, l.k) j;

--@phase events lead_events
-- The history as the app writes it (typed columns): created, each plan scheduled, each follow-up recorded, the order
-- (placed, grade to O), the delivery (won, delivered), the defeat (requested, approved) and dormancy.
INSERT INTO lead_events (lead_id, kind, actor_id, at, to_grade, to_owner_id, to_status)
SELECT i, 0, owner_id, created_at, base_grade, owner_id, 0 FROM gen_lead2 ORDER BY i;
INSERT INTO lead_events (lead_id, kind, actor_id, at, plan_date)
SELECT lead_id, 4, owner_id, created_at, due_date FROM follow_up_plans ORDER BY id;
INSERT INTO lead_events (lead_id, kind, actor_id, at, follow_up_result)
SELECT lead_id, 8, author_id, contacted_at, result FROM follow_up_records ORDER BY id;
INSERT INTO lead_events (lead_id, kind, actor_id, at, amount, order_id, from_grade, to_grade)
SELECT l.i, e.kind, l.owner_id, l.t_close, CASE WHEN e.kind = 9 THEN l.deposit END,
       CASE WHEN e.kind = 9 THEN l.order_id END, CASE WHEN e.kind = 1 THEN l.base_grade END, CASE WHEN e.kind = 1 THEN 0 END
FROM gen_lead2 l, (VALUES (9, 1), (1, 2)) e(kind, ord) WHERE l.order_id IS NOT NULL ORDER BY l.i, e.ord;
INSERT INTO lead_events (lead_id, kind, actor_id, at, from_status, to_status, order_id, vin, amount)
SELECT l.i, e.kind, l.owner_id, l.t_end, CASE WHEN e.kind = 6 THEN 1 END, CASE WHEN e.kind = 6 THEN 2 END,
       CASE WHEN e.kind = 12 THEN l.order_id END, CASE WHEN e.kind = 12 THEN v.vin END,
       CASE WHEN e.kind = 12 THEN l.price - 2000 END
FROM gen_lead2 l JOIN vehicles v ON v.id = l.won_id, (VALUES (6, 1), (12, 2)) e(kind, ord)
WHERE l.won_id IS NOT NULL ORDER BY l.i, e.ord;
INSERT INTO lead_events (lead_id, kind, actor_id, at, from_status, to_status, reason)
SELECT l.i, 6, CASE WHEN e.ord = 1 THEN l.owner_id ELSE st.manager_id END,
       CASE WHEN e.ord = 1 THEN l.t_close ELSE l.t_end END,
       CASE WHEN e.ord = 1 THEN 0 ELSE 3 END, CASE WHEN e.ord = 1 THEN 3 ELSE 4 END,
       CASE WHEN e.ord = 1 THEN d.explanation ELSE d.decision_comment END
FROM gen_lead2 l JOIN gen_store st ON st.store_id = l.store_id JOIN defeat_requests d ON d.id = l.defeat_id,
     (VALUES (1), (2)) e(ord)
WHERE l.defeat_id IS NOT NULL AND (e.ord = 1 OR l.status = 4) ORDER BY l.i, e.ord;
INSERT INTO lead_events (lead_id, kind, actor_id, at, from_status, to_status)
SELECT l.i, 6, st.manager_id, l.t_end, 0, 5
FROM gen_lead2 l JOIN gen_store st ON st.store_id = l.store_id WHERE l.status = 5 ORDER BY l.i;

--@phase incoming incoming_leads
-- Enquiries waiting for a manager to assign them (new mobiles, prefix 199: no customer has one).
INSERT INTO incoming_leads (store_id, name, mobile, intended_model, source, arrived_at, status, created_at)
SELECT width_bucket(pg_temp.r(130, x), (SELECT store_lo FROM gen_cfg)), pg_temp.cname(131, x),
       '199' || lpad(((x * 7919317 + {{SEED}}) % 100000000)::text, 8, '0'),
       ('{星越L,博越L,帝豪,银河L7,银河E8,领克08,极氪001,缤越}'::text[])[1 + pg_temp.ri(135, x, 8)],
       ('{2,3,4}'::int[])[1 + pg_temp.ri(136, x, 3)],
       date_trunc('second', {{NOW}} - 3 * pg_temp.r(137, x) * interval '1 day'), 0,
       date_trunc('second', {{NOW}} - 3 * pg_temp.r(137, x) * interval '1 day')
FROM generate_series(1::bigint, greatest(5, {{N}} / 200)) x ORDER BY x;

--@phase notifications notifications
INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at, read_at)
SELECT p.store_id, p.owner_id, 0, 'Notification.PlanOverdue', ARRAY[c.name, to_char(p.due_date, 'YYYY-MM-DD')],
       '/Leads/' || p.lead_id, 'plan-overdue:' || p.id,
       least({{NOW}}, (p.due_date + 1 + time '01:00') AT TIME ZONE 'Asia/Shanghai'),
       CASE WHEN pg_temp.r(140, p.id) < 0.6 THEN least({{NOW}}, (p.due_date + 1 + time '09:00') AT TIME ZONE 'Asia/Shanghai') END
FROM follow_up_plans p JOIN leads l ON l.id = p.lead_id JOIN customers c ON c.id = l.customer_id
WHERE p.status = 0 AND p.overdue_notified ORDER BY p.id;

--@phase recreate-indexes
DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT create_sql FROM gen_ddl ORDER BY ord DESC, create_sql LOOP EXECUTE d.create_sql; END LOOP;
END $$;

--@phase sequences
DO $$ DECLARE t record; m bigint; BEGIN
  FOR t IN SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND is_identity = 'YES' ORDER BY table_name LOOP
    EXECUTE format('SELECT max(%I) FROM %I', t.column_name, t.table_name) INTO m;
    PERFORM setval(pg_get_serial_sequence(quote_ident(t.table_name), t.column_name), coalesce(m, 1), m IS NOT NULL);
  END LOOP;
END $$;
