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
-- the GB 16735 check digit of a VIN from its transliteration (translate(vin, 'ABCDEFGHJKLMNPRSTUVWXYZ',
-- '12345678123457923456789'): as Vin.CheckDigit, weighted, mod 11, 10 = X). Takes the translated text as a column so
-- that the function is inlined (a per-row call of a non-inlined function costs 10x).
CREATE FUNCTION pg_temp.check_digit(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT substr('0123456789X', 1 + (8 * (ascii(substr(t, 1, 1)) - 48) + 7 * (ascii(substr(t, 2, 1)) - 48) + 6 * (ascii(substr(t, 3, 1)) - 48) + 5 * (ascii(substr(t, 4, 1)) - 48) + 4 * (ascii(substr(t, 5, 1)) - 48) + 3 * (ascii(substr(t, 6, 1)) - 48) + 2 * (ascii(substr(t, 7, 1)) - 48) + 10 * (ascii(substr(t, 8, 1)) - 48) + 9 * (ascii(substr(t, 10, 1)) - 48) + 8 * (ascii(substr(t, 11, 1)) - 48) + 7 * (ascii(substr(t, 12, 1)) - 48) + 6 * (ascii(substr(t, 13, 1)) - 48) + 5 * (ascii(substr(t, 14, 1)) - 48) + 4 * (ascii(substr(t, 15, 1)) - 48) + 3 * (ascii(substr(t, 16, 1)) - 48) + 2 * (ascii(substr(t, 17, 1)) - 48)) % 11, 1) $$;
-- the state of a callback task due on a day, for a number u in [0, 1): open until due and often a few days after,
-- then reached, refused, unreachable, missed (7 days after due, 4.7) or cancelled (consent withdrawn)
CREATE FUNCTION pg_temp.cb_status(due date, u float8) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN due >= {{TODAY}} THEN 0
               WHEN due >= {{TODAY}} - 7 THEN CASE WHEN u < 0.45 THEN 1 WHEN u < 0.47 THEN 2 WHEN u < 0.50 THEN 3 ELSE 0 END
               ELSE CASE WHEN u < 0.80 THEN 1 WHEN u < 0.83 THEN 2 WHEN u < 0.90 THEN 3 WHEN u < 0.98 THEN 4 ELSE 5 END END $$;
-- attempt k of n of a task due on a day: on the due day and the days before it (3 unanswered ones over two days),
-- between 09:30 and 19:00 local, later attempts later
CREATE FUNCTION pg_temp.att_at(due date, k int, n int, key bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((due - CASE WHEN n = 3 THEN (ARRAY[1, 1, 0])[k] ELSE n - k END) + time '09:30'
           + ((k - 1) * 200 + pg_temp.ri(178, key * 4 + k, 180)) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai' $$;

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
           WHEN 'Receptionist' THEN '.reception' WHEN 'ServiceManager' THEN '.servicemanager'
           WHEN 'CrmOfficer' THEN '.crm' || lpad(k::text, 2, '0') WHEN 'ServiceAdvisor' THEN '.sa' || lpad(k::text, 2, '0')
           ELSE '.c' || lpad(k::text, 2, '0') END,
       pg_temp.cname(100, store_id * 1000 + k + CASE role WHEN 'SalesManager' THEN 500 WHEN 'Receptionist' THEN 600
           WHEN 'ServiceManager' THEN 700 WHEN 'CrmOfficer' THEN 800 WHEN 'ServiceAdvisor' THEN 900 ELSE 0 END)
FROM (SELECT s AS store_id, 'SalesManager' AS role, 0 AS k FROM generate_series(3, {{S}}) s
      UNION ALL SELECT s, 'Receptionist', 0 FROM generate_series(2, {{S}}) s
      UNION ALL SELECT s, 'SalesConsultant', k FROM generate_series(1, {{S}}) s,
          generate_series(1, CASE s WHEN 1 THEN 28 WHEN 2 THEN 19 ELSE 16 + pg_temp.ri(3, s, 9) END) k
      -- after-sales (issue 11): a service manager where the demo accounts have none, CRM officers (Demo Store 1:
      -- crmofficer and 3 more) and service advisors (Demo Store 1: serviceadvisor and 4 more)
      UNION ALL SELECT s, 'ServiceManager', 0 FROM generate_series(2, {{S}}) s
      UNION ALL SELECT s, 'CrmOfficer', k FROM generate_series(1, {{S}}) s,
          generate_series(1, CASE s WHEN 1 THEN 3 ELSE 2 + pg_temp.ri(5, s, 2) END) k
      UNION ALL SELECT s, 'ServiceAdvisor', k FROM generate_series(1, {{S}}) s,
          generate_series(1, CASE s WHEN 1 THEN 4 ELSE 3 + pg_temp.ri(6, s, 3) END) k) w;
-- complaints and actions (issue 12): a general manager where the demo accounts have none (they approve the actions),
-- numbered after everyone else so the ids above stay as they were
INSERT INTO gen_users
SELECT (SELECT max(id) FROM gen_users) + s - 1, s, 'GeneralManager', 's' || lpad(s::text, 2, '0') || '.gm',
       pg_temp.cname(100, s * 1000 + 1100)
FROM generate_series(2, {{S}}) s;
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
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'SalesConsultant') AS first_consultant_id,
       (SELECT array_agg(id ORDER BY id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'CrmOfficer') AS officers,
       (SELECT array_agg(id ORDER BY id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'ServiceAdvisor') AS advisors,
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'ServiceManager') AS service_manager_id,
       (SELECT min(id) FROM gen_users u WHERE u.store_id = s.id AND u.role = 'GeneralManager') AS gm_id
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
                    'incoming_leads', 'service_visits', 'callback_attempts', 'callback_answers',
                    'vehicle_status_changes', 'complaints', 'complaint_steps', 'corrective_actions', 'action_events',
                    'action_participants');
DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT drop_sql FROM gen_ddl ORDER BY ord, drop_sql LOOP EXECUTE d.drop_sql; END LOOP;
END $$;

--@phase customers customers
INSERT INTO customers (id, store_id, kind, name, gender, mobile, region, is_vip, is_key_account, is_blacklisted,
                       marketing_consent, marketing_consent_changed_at, callback_consent, callback_consent_changed_at,
                       cumulative_spend, created_at, updated_at, birthday)
SELECT c.i, c.store_id, 0, pg_temp.cname(10, c.i), 1 + (pg_temp.r(15, c.i) < 0.42)::int,
       -- unique: the prefix is c mod 36, the 8 digits a bijection of c div 36 (an odd multiplier not ending in 5)
       ('{138,139,137,136,135,134,159,158,157,150,151,152,188,187,182,183,184,178,130,131,132,155,156,185,186,176,133,153,180,181,189,177,173,166,191,198}'::text[])[1 + (c.i + {{SEED}}) % 36]
           || lpad((((c.i / 36) * 7919317 + {{SEED}} * 104729) % 100000000)::text, 8, '0'),
       split_part(s.name, '店', 1),
       pg_temp.r(16, c.i) < 0.03, false, false,
       pg_temp.r(17, c.i) < 0.6, CASE WHEN pg_temp.r(17, c.i) < 0.6 THEN least(c.created_at, coalesce(o.created_at, c.created_at)) END,
       -- callback consent asked and recorded for everyone: 85% yes, the rest refused (a refusal the jobs honour)
       pg_temp.r(18, c.i) < 0.85, least(c.created_at, coalesce(o.created_at, c.created_at)),
       CASE WHEN c.status = 2 THEN c.price - 2000 ELSE 0 END + CASE WHEN o.status = 2 THEN o.price - 2000 ELSE 0 END,
       least(c.created_at, coalesce(o.created_at, c.created_at)),
       greatest(c.created_at, coalesce(o.created_at, c.created_at)),
       -- 70% told us their birthday (born 1962-2003, any day of the year, 29 February included)
       CASE WHEN pg_temp.r(19, c.i) < 0.7 THEN date '1962-01-01' + pg_temp.ri(14, c.i, 15341) END
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

--@phase vehicle-plan gen_veh
-- The cars delivered (id = delivery id) and, to reach about N, cars the customers bought elsewhere (trade-ins,
-- service customers). After-sales (issue 11): 85% of our cars come back for service, and enough of the others that
-- cars sold elsewhere (他销) are about 20% of the serviced ones, registered at their first visit. A serviced car comes
-- about every 4 months (its own interval, 85-158 days) from delivery (ours) or from the later of its registration
-- and three years ago (others); 30% stop coming at some moment (the dormant customers). Mileage grows at the car's
-- own rate from its mileage at the start.
CREATE TEMP TABLE gen_veh0 ON COMMIT DROP AS
SELECT won_id AS id, store_id, cust AS owner, pg_temp.day(t_end) AS purchase_date, pg_temp.day(t_end) AS delivery_date,
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
JOIN customers c ON c.id = 1 + pg_temp.ri(92, x, {{N}});
CREATE TEMP TABLE gen_veh ON COMMIT DROP AS
WITH p AS (SELECT 0.85 * count(*) FILTER (WHERE sold_by_us) / 4.0
                  / greatest(1, count(*) FILTER (WHERE NOT sold_by_us)) AS p_else FROM gen_veh0)
SELECT v.*, x.s, x.serviced, 85 + 73 * pg_temp.r(150, v.id) AS gap,
       CASE WHEN pg_temp.r(152, v.id) < 0.30 THEN x.s + ({{NOW}} - x.s) * pg_temp.r(153, v.id) ELSE {{NOW}} END AS stop_at,
       15 + 55 * pg_temp.r(154, v.id) AS rate,
       CASE WHEN v.sold_by_us THEN 3 + pg_temp.ri(155, v.id, 30) ELSE 8000 + pg_temp.ri(155, v.id, 90000) END AS m0
FROM gen_veh0 v, p,
     LATERAL (SELECT CASE WHEN v.sold_by_us THEN v.created_at
                          ELSE greatest(v.created_at, {{NOW}} - interval '1095 days') END AS s,
                     CASE WHEN v.sold_by_us THEN pg_temp.r(151, v.id) < 0.85 ELSE pg_temp.r(151, v.id) < p.p_else END
                         AND v.created_at < {{NOW}} - interval '20 days' AS serviced) x;
CREATE UNIQUE INDEX ON gen_veh (id);
ANALYZE gen_veh;

--@phase visit-plan gen_visit
-- Visit j of a serviced car falls near start + gap * (j - 0.6 +- 0.15), on a working day (Sunday -> Saturday), opened
-- between 08:30 and 17:00; only visits before now and before the car stopped coming are kept. Types: first
-- maintenance at our cars' first visit, then maintenance most often, repairs, warranty, insurance and body work, and
-- the non-workshop types (accessories, parts counter, rescue, insurance renewal, inspection agency). Some orders of
-- the last two days are still open.
CREATE TEMP TABLE gen_visit0 ON COMMIT DROP AS
SELECT v.id AS vehicle_id, j, v.id * 64 + j AS vk, v.store_id, v.owner, v.sold_by_us, v.s, v.rate, v.m0, v.stop_at,
       d - (extract(isodow FROM d) = 7)::int AS d
FROM gen_veh v,
     generate_series(1, 1 + floor(extract(epoch FROM {{NOW}} - v.s) / 86400 / v.gap)::int) j,
     LATERAL (SELECT pg_temp.day(v.s + v.gap * (j - 0.6 + 0.3 * (pg_temp.r(156, v.id * 64 + j) - 0.5)) * interval '1 day') AS d) x
WHERE v.serviced;
CREATE TEMP TABLE gen_visit ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY y.vehicle_id, y.j) AS id,
       row_number() OVER (PARTITION BY y.vehicle_id ORDER BY y.j) AS n,
       y.*
FROM (SELECT x.*,
             CASE WHEN x.j = 1 AND x.sold_by_us THEN 1 + CASE WHEN pg_temp.r(159, x.vk) < 0.1 THEN 128 ELSE 0 END
                  ELSE (ARRAY[2, 10, 8, 4, 16, 96, 64, 128, 256, 512, 1024, 2048])[
                       width_bucket(pg_temp.r(158, x.vk), '{0,0.50,0.60,0.68,0.73,0.76,0.81,0.84,0.88,0.92,0.93,0.97}'::float8[])] END AS types
      FROM (SELECT w.*, (w.d + time '08:30' + pg_temp.ri(157, w.vk, 510) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai' AS opened_at,
                   -- 送修人: a fifth of the cars are brought by someone else (a driver, family), who is then called
                   CASE WHEN pg_temp.r(162, w.vk) < 0.2 THEN pg_temp.cname(163, w.vk) END AS brought_by_name,
                   CASE WHEN pg_temp.r(162, w.vk) < 0.2 THEN ('{170,171,173,175,176,177,178,199}'::text[])[1 + pg_temp.ri(164, w.vk, 8)]
                        || lpad(pg_temp.ri(165, w.vk, 100000000)::text, 8, '0') END AS brought_by_mobile,
                   pg_temp.r(166, w.vk) < 0.85 AS accepts_callback,
                   CASE WHEN pg_temp.r(167, w.vk) < 0.05 THEN '15' || lpad(pg_temp.ri(168, w.vk, 1000000000)::text, 9, '0') END AS callback_number,
                   CASE WHEN pg_temp.r(169, w.vk) < 0.3 THEN ('{工作日18点后,周末,上午,中午12点到13点,下午}'::text[])[1 + pg_temp.ri(179, w.vk, 5)] END AS callback_time,
                   -- a tenth of the orders came from the DMS with an advisor name no account matches
                   CASE WHEN pg_temp.r(186, w.vk) >= 0.1 THEN st.advisors[1 + pg_temp.ri(187, w.vk, cardinality(st.advisors))] END AS advisor_id,
                   CASE WHEN pg_temp.r(186, w.vk) < 0.1 THEN pg_temp.cname(188, w.store_id) END AS advisor_name
            FROM gen_visit0 w JOIN gen_store st ON st.store_id = w.store_id) x
      WHERE x.opened_at < {{NOW}} AND x.opened_at < x.stop_at AND x.opened_at > x.s) y;
ALTER TABLE gen_visit ADD COLUMN completed_at timestamptz, ADD COLUMN mileage int;
UPDATE gen_visit SET
    completed_at = CASE WHEN c > {{NOW}} OR (opened_at > {{NOW}} - interval '2 days' AND pg_temp.r(160, vk) < 0.4) THEN NULL ELSE c END,
    mileage = m0 + round(rate * extract(epoch FROM opened_at - s) / 86400)::int
FROM (SELECT id AS vid,
             opened_at + CASE WHEN types & 80 <> 0 THEN (1 + pg_temp.ri(161, vk, 4)) * interval '1 day' - interval '3 hours'
                              WHEN types & 127 <> 0 THEN (60 + pg_temp.ri(161, vk, 300)) * interval '1 minute'
                              ELSE (20 + pg_temp.ri(161, vk, 60)) * interval '1 minute' END AS c
      FROM gen_visit) t
WHERE t.vid = gen_visit.id;
CREATE UNIQUE INDEX ON gen_visit (id);
CREATE INDEX ON gen_visit (vehicle_id, n);
ANALYZE gen_visit;

--@phase calendar gen_due
-- Holidays of every store: the first three days of the Spring Festival closed, the make-up Sundays (调休) open; and
-- one store-training day closed in the even stores. The 3-day due day of 4.7 per store and completion date: day 3,
-- else the last working day of days 1-3, else the next working day (WorkingCalendar.CallbackDueDay).
INSERT INTO store_holidays (store_id, date, kind, name)
SELECT s.id, h.d, h.kind, h.name
FROM stores s,
     (VALUES (date '2024-02-10', 0, '春节'), (date '2024-02-11', 0, '春节'), (date '2024-02-12', 0, '春节'),
             (date '2024-02-04', 1, '春节调休'), (date '2024-02-18', 1, '春节调休'),
             (date '2025-01-29', 0, '春节'), (date '2025-01-30', 0, '春节'), (date '2025-01-31', 0, '春节'),
             (date '2025-01-26', 1, '春节调休'), (date '2026-02-17', 0, '春节'), (date '2026-02-18', 0, '春节'),
             (date '2026-02-19', 0, '春节'), (date '2026-02-15', 1, '春节调休'), (date '2026-10-01', 0, '国庆节'),
             (date '2026-09-27', 1, '国庆调休')) h(d, kind, name)
UNION ALL
SELECT s.id, {{TODAY}} + 3 + (s.id % 3), 0, '门店培训日' FROM stores s WHERE s.id % 2 = 0
ORDER BY 1, 2
ON CONFLICT (store_id, date) DO NOTHING;
CREATE TEMP TABLE gen_cal ON COMMIT DROP AS
SELECT s.id AS store_id, d::date AS d,
       coalesce((SELECT h.kind = 1 FROM store_holidays h WHERE h.store_id = s.id AND h.date = d::date),
                extract(isodow FROM d) <> 7) AS works
FROM stores s, generate_series({{TODAY}} - 1300, {{TODAY}} + 60, interval '1 day') d;
CREATE UNIQUE INDEX ON gen_cal (store_id, d);
CREATE TEMP TABLE gen_due ON COMMIT DROP AS
SELECT c.store_id, c.d AS completed,
       coalesce((SELECT max(x.d) FROM gen_cal x WHERE x.store_id = c.store_id AND x.d BETWEEN c.d + 1 AND c.d + 3 AND x.works),
                (SELECT min(x.d) FROM gen_cal x WHERE x.store_id = c.store_id AND x.d > c.d + 3 AND x.works)) AS due
FROM gen_cal c WHERE c.d <= {{TODAY}} + 30;
CREATE UNIQUE INDEX ON gen_due (store_id, completed);
ANALYZE gen_due;

--@phase vehicles vehicles
-- The dormant callbacks of earlier campaigns (a share of the cars that stopped coming, about 6 months after their
-- last visit) are decided here, because a reached one that says "sold" or "scrapped" sets the car's status (and its
-- history row). VIN: a Chinese WMI, hashed VDS, the GB 16735 check digit, year, plant + serial from the id (unique).
CREATE TEMP TABLE gen_veh2 ON COMMIT DROP AS
SELECT v.*, f.first_date, f.first_mileage, l.last_date, l.last_mileage, dm.due AS dm_due,
       CASE WHEN dm.due IS NOT NULL THEN pg_temp.cb_status(dm.due, pg_temp.r(171, v.id)) END AS dm_status,
       pg_temp.ri(172, v.id, 100) AS dm_lapse_u
FROM gen_veh v
-- mileage grows with time, so the first and the last visit have the least and the most of it
LEFT JOIN (SELECT vehicle_id, pg_temp.day(min(opened_at)) AS first_date, min(mileage) AS first_mileage,
                  pg_temp.day(max(opened_at)) AS last_date, max(mileage) AS last_mileage
           FROM gen_visit GROUP BY vehicle_id) f ON f.vehicle_id = v.id
CROSS JOIN LATERAL (SELECT f.last_date, f.last_mileage) l
LEFT JOIN LATERAL (SELECT (l.last_date + interval '6 months')::date + 1 + pg_temp.ri(170, v.id, 20) AS due
                   WHERE l.last_date IS NOT NULL AND v.stop_at < {{NOW}} AND pg_temp.r(173, v.id) < 0.5
                     AND EXISTS (SELECT 1 FROM customers c WHERE c.id = v.owner AND c.callback_consent)
                     AND (l.last_date + interval '6 months')::date + 21 <= {{TODAY}}) dm ON true;
ALTER TABLE gen_veh2 ADD COLUMN dm_lapse int, ADD COLUMN dm_closed_at timestamptz, ADD COLUMN status int;
UPDATE gen_veh2 SET
    dm_lapse = CASE WHEN dm_status = 1 THEN (ARRAY[0, 1, 2, 3, 4, 5, 6, 7, 8])[
                   width_bucket(dm_lapse_u, '{0,10,30,35,55,75,85,90,95}'::int[])] END,
    dm_closed_at = CASE WHEN dm_status = 1 THEN pg_temp.att_at(dm_due, 1 + (pg_temp.r(174, id) < 0.3)::int,
                                                               1 + (pg_temp.r(174, id) < 0.3)::int, id) END;
UPDATE gen_veh2 SET status = CASE dm_lapse WHEN 1 THEN 2 WHEN 2 THEN 3 ELSE 0 END;
CREATE UNIQUE INDEX ON gen_veh2 (id);
ANALYZE gen_veh2;
INSERT INTO vehicles (id, store_id, vin, plate, brand, model, colour, owner_customer_id, purchase_date, delivery_date,
                      sold_by_us, created_at, first_service_date, first_service_mileage, latest_mileage,
                      latest_mileage_date, insurer, insurance_expiry, next_inspection_date, status)
SELECT v.id, v.store_id, overlay(vin.vin0 PLACING pg_temp.check_digit(vin.t) FROM 9 FOR 1),
       ('{沪,苏,浙,皖}'::text[])[1 + CASE WHEN v.store_id <= 5 THEN 0 ELSE v.store_id % 4 END]
         || substr('ABCDEFGHJKLMN', 1 + pg_temp.ri(87, v.id, 13), 1)
         || substr('ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + pg_temp.ri(88, v.id, 24), 1)
         || lpad(pg_temp.ri(89, v.id, 10000)::text, 4, '0'),
       v.brand, v.model, v.colour, v.owner, v.purchase_date, v.delivery_date, v.sold_by_us, v.created_at,
       v.first_date, v.first_mileage, v.last_mileage, v.last_date,
       CASE WHEN v.sold_by_us OR v.serviced THEN ('{中国人保,平安保险,太平洋保险,国寿财险,大地保险,阳光保险}'::text[])[1 + pg_temp.ri(175, v.id, 6)] END,
       -- the policy runs a year from the purchase's day and month: the coming renewal, a few already lapsed
       CASE WHEN (v.sold_by_us OR v.serviced) AND v.purchase_date IS NOT NULL THEN
           (v.purchase_date + make_interval(years => greatest(1, extract(year FROM age({{TODAY}}, v.purchase_date))::int + 1)))::date
           - CASE WHEN pg_temp.r(176, v.id) < 0.05 THEN 365 ELSE 0 END END,
       -- annual inspection: 6 years after purchase for a young car, then every second year
       CASE WHEN v.purchase_date IS NOT NULL THEN
           CASE WHEN v.purchase_date + interval '6 years' > {{TODAY}} THEN (v.purchase_date + interval '6 years')::date
                ELSE (v.purchase_date + make_interval(years => 6 + 2 * ceil((extract(year FROM age({{TODAY}}, v.purchase_date)) - 5) / 2.0)::int))::date END END,
       v.status
FROM gen_veh2 v,
     LATERAL (SELECT ('{LB3,LB3,LB3,L6T,LJ8,LGX}'::text[])[1 + pg_temp.ri(80, v.id, 6)]
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(82, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(83, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(84, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(85, v.id, 33), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + pg_temp.ri(86, v.id, 33), 1)
         || '0'
         || substr('HJKLMNPRSTV', 1 + greatest(0, least(10, extract(year FROM v.purchase_date)::int - 2017)), 1)
         || substr('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1 + ((v.id / 1000000) % 33)::int, 1)
         || lpad((v.id % 1000000)::text, 6, '0') AS vin0 OFFSET 0) v0,
     LATERAL (SELECT v0.vin0, translate(v0.vin0, 'ABCDEFGHJKLMNPRSTUVWXYZ', '12345678123457923456789') AS t OFFSET 0) vin
ORDER BY v.id;
INSERT INTO vehicle_status_changes (vehicle_id, "from", "to", by_user_id, reason, at)
SELECT v.id, 0, v.status, st.officers[1 + pg_temp.ri(177, v.id, cardinality(st.officers))],
       CASE v.status WHEN 2 THEN '回访：客户已卖车' ELSE '回访：车辆已报废' END, v.dm_closed_at
FROM gen_veh2 v JOIN gen_store st ON st.store_id = v.store_id WHERE v.status <> 0 ORDER BY v.id;

--@phase deliveries deliveries
INSERT INTO deliveries (id, lead_id, order_id, store_id, customer_id, vehicle_id, consultant_id, delivered_at,
                        final_price, invoice_number, created_at)
SELECT won_id, i, order_id, store_id, cust, won_id, owner_id, t_end, price - 2000,
       'FP' || to_char(t_end AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || lpad(won_id::text, 8, '0'), t_end
FROM gen_lead2 WHERE won_id IS NOT NULL;

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

--@phase service-visits service_visits
-- The repair orders (issue 11): order numbers unique per store (date + the order's id), the owner as the customer.
-- Who pays (issue 13): as the types imply (ServiceVisit.DefaultPayer: insurance repair the insurer, else warranty the
-- manufacturer), else the customer, but 2% of those internal (新车整备, 内部返修); only the customer's count as spend.
INSERT INTO service_visits (id, store_id, order_number, vehicle_id, customer_id, opened_at, completed_at, mileage,
                            types, amount, payer, advisor_id, advisor_name, brought_by_name, brought_by_mobile,
                            accepts_callback, callback_number, callback_time, created_at, updated_at)
SELECT g.id, g.store_id, 'RO' || to_char(g.d, 'YYMMDD') || lpad(g.id::text, 8, '0'), g.vehicle_id, g.owner,
       g.opened_at, g.completed_at, g.mileage, g.types,
       CASE WHEN g.types & 1 <> 0 THEN 0
            ELSE round(CASE WHEN g.types & 16 <> 0 THEN 3000 + 17000 * pg_temp.r(189, g.vk)
                            WHEN g.types & 96 <> 0 THEN 1200 + 8000 * pg_temp.r(189, g.vk)
                            WHEN g.types = 10 THEN 800 + 1700 * pg_temp.r(189, g.vk)
                            WHEN g.types = 2 THEN 380 + 820 * pg_temp.r(189, g.vk)
                            WHEN g.types = 8 THEN 150 + 1350 * pg_temp.r(189, g.vk)
                            WHEN g.types = 4 THEN 0
                            WHEN g.types = 1024 THEN 3000 + 6000 * pg_temp.r(189, g.vk)
                            ELSE 50 + 750 * pg_temp.r(189, g.vk) END) END::numeric(12, 2),
       CASE WHEN g.types & 32 <> 0 THEN 2 WHEN g.types & 4 <> 0 THEN 1 WHEN pg_temp.r(257, g.vk) < 0.02 THEN 3 ELSE 0 END,
       g.advisor_id, g.advisor_name, g.brought_by_name, g.brought_by_mobile, g.accepts_callback, g.callback_number,
       g.callback_time, g.opened_at, coalesce(g.completed_at, g.opened_at)
FROM gen_visit g ORDER BY g.id;

--@phase questionnaires callback_question_versions
-- Each store's questionnaire per callback type (the spec's examples, both languages), asked since the store opened;
-- Demo Store 1 reworded its first after-sales question 180 days ago (answers since then point at version 2).
CREATE TEMP TABLE gen_q ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY s.id, q.type, q.position) AS id, s.id AS store_id, q.type, q.kind, q.position,
       q.text_en, q.text_zh, s.created_at
FROM stores s,
     (VALUES (0, 0, 1, 'Did the consultant explain the car''s functions at delivery?', '交车时销售顾问是否讲解了车辆功能？'),
             (0, 0, 2, 'Were the car and its documents ready at the agreed time?', '车辆和随车资料是否按约定时间备好？'),
             (0, 1, 3, 'Any other problems?', '还有其他问题吗？'),
             (1, 0, 1, 'Was the work done right the first time?', '维修保养是否一次修好？'),
             (1, 0, 2, 'Was the car ready at the promised time?', '是否按约定时间交车？'),
             (1, 1, 3, 'Any other problems?', '还有其他问题吗？'),
             (2, 0, 1, 'Would you like us to book your next maintenance?', '是否需要为您预约下次保养？'),
             (2, 1, 2, 'Any other problems?', '还有其他问题吗？'),
             (3, 0, 1, 'Would you like to hear about our owners'' events?', '是否愿意了解门店的车主活动？')) q(type, kind, position, text_en, text_zh);
INSERT INTO callback_questions (id, store_id, type, kind, position, created_at)
SELECT id, store_id, type, kind, position, created_at FROM gen_q ORDER BY id;
CREATE TEMP TABLE gen_qv ON COMMIT DROP AS
SELECT q.id AS version_id, q.id AS question_id, 1 AS number, q.text_en, q.text_zh, q.created_at AS valid_from,
       CASE WHEN q.store_id = 1 AND q.type = 1 AND q.position = 1 THEN {{NOW}} - interval '180 days' END AS valid_to,
       q.store_id, q.type, q.kind, q.position
FROM gen_q q
UNION ALL
SELECT (SELECT max(id) FROM gen_q) + 1, q.id, 2, 'Was everything fixed on this visit, with nothing to come back for?',
       '本次维修保养是否一次修好、无需返修？', {{NOW}} - interval '180 days', NULL, q.store_id, q.type, q.kind, q.position
FROM gen_q q WHERE q.store_id = 1 AND q.type = 1 AND q.position = 1;
INSERT INTO callback_question_versions (id, question_id, number, text_en, text_zh, created_at)
SELECT version_id, question_id, number, text_en, text_zh, valid_from FROM gen_qv ORDER BY version_id;
INSERT INTO callback_settings (store_id, call_from, call_until, contact_gap_days, dormant_months, next_officer_index)
SELECT id, time '09:00', time '20:00', 7, 6, 0 FROM stores ORDER BY id;

--@phase callback-plan gen_task
-- Every callback task with its whole life decided: the new-car 3-day call of each delivery to a consenting
-- customer; the after-sales 3-day call of each completed workshop order that accepted a callback (one per order:
-- a car's orders are months apart, so each is its own window); the dormant calls decided with the vehicles; the
-- birthday-care calls (the customer's birthday, each delivered car's anniversary) of the last 90 days and the coming
-- week. Keys for the jobs' idempotency as CallbackOccasions writes them.
CREATE TEMP TABLE gen_task0 ON COMMIT DROP AS
SELECT 0 AS type, l.store_id, l.cust AS customer_id, l.won_id AS vehicle_id, l.won_id AS delivery_id,
       NULL::bigint AS service_visit_id, dd.due, l.t_end AS created_at, NULL::text AS occasion_key,
       c.name AS contact_name, c.mobile AS contact_number, NULL::text AS preferred_time, 10000000000 + l.won_id AS key
FROM gen_lead2 l JOIN customers c ON c.id = l.cust JOIN gen_due dd ON dd.store_id = l.store_id AND dd.completed = pg_temp.day(l.t_end)
WHERE l.won_id IS NOT NULL AND c.callback_consent
UNION ALL
SELECT 1, g.store_id, g.owner, g.vehicle_id, NULL, g.id, dd.due, least({{NOW}}, g.completed_at + interval '15 minutes'),
       'as:' || g.vehicle_id || ':' || to_char(pg_temp.day(g.completed_at), 'YYYY-MM-DD'),
       coalesce(g.brought_by_name, c.name), coalesce(g.callback_number, g.brought_by_mobile, c.mobile), g.callback_time,
       20000000000 + g.id
FROM gen_visit g JOIN customers c ON c.id = g.owner
JOIN gen_due dd ON dd.store_id = g.store_id AND dd.completed = pg_temp.day(g.completed_at)
WHERE g.completed_at IS NOT NULL AND g.types & 127 <> 0 AND g.accepts_callback AND c.callback_consent
UNION ALL
(SELECT DISTINCT ON (v.owner, v.dm_due) 2, v.store_id, v.owner, v.id, NULL::bigint, NULL::bigint, v.dm_due,
        (v.dm_due + time '02:00') AT TIME ZONE 'Asia/Shanghai', 'dm:' || to_char(v.dm_due, 'YYYY-MM-DD'), c.name, c.mobile,
        NULL::text, v.id
 FROM gen_veh2 v JOIN customers c ON c.id = v.owner WHERE v.dm_due IS NOT NULL ORDER BY v.owner, v.dm_due, v.id)
UNION ALL
SELECT 3, c.store_id, c.id, NULL, NULL, NULL, o.d, least({{NOW}} - interval '1 minute', (o.d - 7 + time '06:00') AT TIME ZONE 'Asia/Shanghai'),
       'bd:' || o.y, c.name, c.mobile, c.preferred_contact_time, 30000000000 + c.id * 10 + (o.y - 2020)
FROM customers c,
     LATERAL (SELECT y, make_date(y, extract(month FROM c.birthday)::int,
                                  CASE WHEN extract(month FROM c.birthday) = 2 AND extract(day FROM c.birthday) = 29
                                            AND NOT (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0)) THEN 28
                                       ELSE extract(day FROM c.birthday)::int END) AS d
              FROM generate_series(extract(year FROM {{TODAY}})::int - 1, extract(year FROM {{TODAY}})::int + 1) y) o
WHERE c.birthday IS NOT NULL AND c.callback_consent AND o.d BETWEEN {{TODAY}} - 90 AND {{TODAY}} + 7
UNION ALL
SELECT 3, v.store_id, v.owner, v.id, NULL, NULL, o.d, least({{NOW}} - interval '1 minute', (o.d - 7 + time '06:00') AT TIME ZONE 'Asia/Shanghai'),
       'vb:' || v.id || ':' || o.y, c.name, c.mobile, NULL, 40000000000 + v.id * 10 + (o.y - 2020)
FROM gen_veh2 v JOIN customers c ON c.id = v.owner,
     LATERAL (SELECT y, make_date(y, extract(month FROM v.delivery_date)::int,
                                  CASE WHEN extract(month FROM v.delivery_date) = 2 AND extract(day FROM v.delivery_date) = 29
                                            AND NOT (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0)) THEN 28
                                       ELSE extract(day FROM v.delivery_date)::int END) AS d
              FROM generate_series(extract(year FROM {{TODAY}})::int - 1, extract(year FROM {{TODAY}})::int + 1) y) o
WHERE v.sold_by_us AND v.status = 0 AND c.callback_consent AND o.y > extract(year FROM v.delivery_date)
  AND o.d BETWEEN {{TODAY}} - 90 AND {{TODAY}} + 7;
CREATE TEMP TABLE gen_task ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY t.created_at, t.type, t.key) AS id, t.*,
       CASE WHEN t.type = 2 THEN v.dm_status ELSE pg_temp.cb_status(t.due, pg_temp.r(181, t.key)) END AS status,
       CASE WHEN t.type = 2 THEN st.officers[1 + pg_temp.ri(177, t.vehicle_id, cardinality(st.officers))]
            ELSE st.officers[1 + pg_temp.ri(180, t.key, cardinality(st.officers))] END AS officer_id,
       v.dm_lapse, NULL::bigint AS combined_into
FROM gen_task0 t JOIN gen_store st ON st.store_id = t.store_id LEFT JOIN gen_veh2 v ON t.type = 2 AND v.id = t.vehicle_id;
CREATE UNIQUE INDEX ON gen_task (id);
CREATE INDEX ON gen_task (customer_id, due);
ANALYZE gen_task;
-- a birthday call that falls on another callback of the customer due within three days is combined into it (4.7),
-- once both exist
ALTER TABLE gen_task ADD COLUMN combined_at timestamptz;
UPDATE gen_task b SET status = 6, combined_into = o.id, combined_at = o.at
FROM (SELECT DISTINCT ON (b2.id) b2.id AS bid, o2.id, greatest(b2.created_at, o2.created_at) + interval '1 minute' AS at
      FROM gen_task b2 JOIN gen_task o2 ON o2.customer_id = b2.customer_id AND o2.type IN (0, 1)
           AND o2.due BETWEEN b2.due - 3 AND b2.due + 3
      WHERE b2.type = 3 ORDER BY b2.id, o2.id) o
WHERE b.id = o.bid AND o.at <= {{NOW}};
ALTER TABLE gen_task ADD COLUMN n int;
UPDATE gen_task SET n = CASE WHEN status IN (1, 2) THEN 1 + (pg_temp.r(174, key) < 0.3)::int
                             WHEN status = 3 THEN 3
                             WHEN status = 4 THEN (pg_temp.r(182, key) < 0.3)::int
                             WHEN status = 0 AND due < {{TODAY}} THEN pg_temp.ri(183, key, 3)
                             WHEN status = 0 AND created_at < {{NOW}} - interval '2 hours' AND pg_temp.r(184, key) < 0.15 THEN 1
                             ELSE 0 END;
-- issue 12: 2% of the reached 3-day callbacks carry a problem (a "no" with its reason, an "other problems" yes with its
-- category, pk 0-2) and a lower level; every one of them raises its grievance (4.4), so the rest answer without one
ALTER TABLE gen_task ADD COLUMN problem bool, ADD COLUMN pk int;
UPDATE gen_task SET problem = type IN (0, 1) AND status = 1 AND pg_temp.r(199, key) < 0.02, pk = pg_temp.ri(200, key, 3);

--@phase callback-tasks callback_tasks
INSERT INTO callback_tasks (id, store_id, type, customer_id, vehicle_id, delivery_id, service_visit_id, due_date,
                            assigned_to_id, status, created_at, closed_at, closed_by_id, combined_into_task_id,
                            comments, contact_name, contact_number, lapse_reason, next_attempt_at, occasion_key,
                            overall_satisfaction, preferred_time)
SELECT t.id, t.store_id, t.type, t.customer_id, t.vehicle_id, t.delivery_id, t.service_visit_id, t.due,
       CASE WHEN t.status = 0 AND pg_temp.r(185, t.key) < 0.1 AND t.n = 0 THEN NULL ELSE t.officer_id END,
       t.status, t.created_at,
       CASE WHEN t.status IN (1, 2, 3) THEN pg_temp.att_at(t.due, t.n, t.n, t.key)
            WHEN t.status = 4 THEN least({{NOW}}, (t.due + 8 + time '01:00') AT TIME ZONE 'Asia/Shanghai')
            WHEN t.status = 5 THEN least({{NOW}}, t.created_at + interval '1 day')
            WHEN t.status = 6 THEN t.combined_at END,
       CASE WHEN t.status IN (1, 2, 3) THEN t.officer_id END,
       t.combined_into,
       CASE WHEN t.status = 1 AND pg_temp.r(190, t.key) < 0.1
            THEN ('{客户表示满意,客户希望下次提前预约,客户建议延长营业时间,客户对服务顾问印象很好}'::text[])[1 + pg_temp.ri(191, t.key, 4)] END,
       t.contact_name, t.contact_number,
       CASE WHEN t.type = 2 AND t.status = 1 THEN t.dm_lapse END,
       CASE WHEN t.status = 0 AND t.due >= {{TODAY}} AND t.n = 1 THEN (t.due + time '15:00') AT TIME ZONE 'Asia/Shanghai' END,
       t.occasion_key,
       CASE WHEN t.status = 1 AND t.type IN (0, 1) AND t.problem THEN (ARRAY[2, 1, 3, 4])[
                width_bucket(pg_temp.r(192, t.key), '{0,0.5,0.65,0.9}'::float8[])]
            WHEN t.status = 1 AND t.type IN (0, 1) THEN (ARRAY[5, 4, 3])[
                width_bucket(pg_temp.r(192, t.key), '{0,0.57,0.94}'::float8[])] END,
       t.preferred_time
FROM gen_task t ORDER BY t.id;

--@phase callback-attempts callback_attempts
-- Reached and refused calls end with that outcome (after an unanswered one now and then), unreachable ones are three
-- unanswered calls over two days, open overdue ones have up to two unanswered calls, and some open ones agreed a
-- later time (call later: the next attempt's time).
INSERT INTO callback_attempts (task_id, outcome, number_dialled, by_user_id, at, recording_id, recording_seconds,
                               call_back_at)
SELECT t.id,
       CASE WHEN t.status = 0 AND t.due >= {{TODAY}} THEN 6
            WHEN k = t.n AND t.status = 1 THEN 0
            WHEN k = t.n AND t.status = 2 THEN 7
            ELSE (ARRAY[1, 1, 2, 3, 5])[1 + pg_temp.ri(193, t.key * 4 + k, 5)] END,
       t.contact_number, t.officer_id,
       CASE WHEN t.status = 0 AND t.due >= {{TODAY}} THEN least({{NOW}} - interval '1 hour', t.created_at + interval '20 hours')
            ELSE pg_temp.att_at(t.due, k, t.n, t.key) END,
       CASE WHEN pg_temp.r(194, t.key) < 0.6 THEN 'REC-' || t.id || '-' || k END,
       CASE WHEN pg_temp.r(194, t.key) < 0.6 THEN 20 + pg_temp.ri(195, t.key * 4 + k, 400) END,
       CASE WHEN t.status = 0 AND t.due >= {{TODAY}} THEN (t.due + time '15:00') AT TIME ZONE 'Asia/Shanghai' END
FROM gen_task t, generate_series(1, t.n) k
ORDER BY t.id, k;

--@phase callback-answers callback_answers
-- Every question of the task's type at its store, in the version asked at the time of the call: yes, some not
-- applicable, "other problems" no; a problem task (2% of the reached 3-day ones) has its one problem answer: a "no"
-- with its reason, or an "other problems" yes with its description and category.
INSERT INTO callback_answers (task_id, question_version_id, value, reason, problem_category)
SELECT t.id, q.version_id,
       CASE WHEN x.bad THEN CASE WHEN q.kind = 0 THEN 1 ELSE 0 END
            WHEN q.kind = 0 THEN CASE WHEN u < 0.95 THEN 0 ELSE 2 END
            ELSE 1 END,
       CASE WHEN x.bad AND q.kind = 0
            THEN ('{等待时间太长,问题没有解决需要返厂,交车时间推迟了,费用没有提前说明,车辆没有清洗}'::text[])[1 + pg_temp.ri(197, t.key * 8 + q.position, 5)]
            WHEN x.bad
            THEN ('{空调有异味,车内有异响,休息区太拥挤,配件需要等待,发票开错了}'::text[])[1 + pg_temp.ri(197, t.key * 8 + q.position, 5)] END,
       CASE WHEN x.bad AND q.kind = 1
            THEN ('{RepairQuality,WaitingTime,Price,Attitude,Parts,DeliveryHandover,Other}'::text[])[1 + pg_temp.ri(198, t.key * 8 + q.position, 7)] END
FROM gen_task t
JOIN gen_qv q ON q.store_id = t.store_id AND q.type = t.type
     AND pg_temp.att_at(t.due, t.n, t.n, t.key) >= q.valid_from
     AND (q.valid_to IS NULL OR pg_temp.att_at(t.due, t.n, t.n, t.key) < q.valid_to),
     LATERAL (SELECT pg_temp.r(196, t.key * 8 + q.position) AS u,
                     coalesce(t.problem, false) AND q.position = 1 + t.pk AS bad) x
WHERE t.status = 1
ORDER BY t.id, q.position;

--@phase complaint-plan gen_cmp
-- Grievances and complaints (issue 12, spec 4.4). Every reached 3-day callback with a problem raises its grievance at
-- the time of the call (the sales department's for a new-car callback); 10% of them are raised to complaints a few
-- hours later; a few direct complaints per store-month over the last 36 months, each about a workshop order of the
-- days before (phone, walk-in, and every second month a manufacturer hotline case with its case number, the
-- manufacturer's sent time as receipt). Working-time limits are approximated
-- for the generated stores' 08:30-17:30 days on gen_cal (closed days and make-up days honoured): half a working day =
-- 4.5 working hours from the receipt (outside hours: from the next opening); 1 working day = the next working day at
-- the same time of day. Each step's time is drawn mostly within its limit, some late; 1.5% of the items were never
-- worked on (open, late). Status follows the times: resolved once the resolution is before now, closed once the
-- follow-up call (due the next working day after the resolution, made that day or within two days, 10:00-16:00) is.
INSERT INTO complaint_categories (store_id, code, name_en, name_zh, position, active)
SELECT s.id, c.code, NULL, NULL, c.pos, true
FROM stores s, unnest('{RepairQuality,WaitingTime,Price,Attitude,Parts,DeliveryHandover,Other}'::text[]) WITH ORDINALITY c(code, pos)
ORDER BY s.id, c.pos;
-- each store day with its next working day and the one after (set-based lookups, not a subquery per call)
CREATE TEMP TABLE gen_nwd ON COMMIT DROP AS
SELECT c.store_id, c.d, c.works, n1.next1,
       (SELECT min(x.d) FROM gen_cal x WHERE x.store_id = c.store_id AND x.d > n1.next1 AND x.works) AS next2
FROM gen_cal c, LATERAL (SELECT min(x.d) AS next1 FROM gen_cal x WHERE x.store_id = c.store_id AND x.d > c.d AND x.works) n1;
CREATE UNIQUE INDEX ON gen_nwd (store_id, d);
ANALYZE gen_nwd;
-- the working-time start of t (local): t itself within a working day's hours, else the next opening
CREATE FUNCTION pg_temp.wst(works bool, next1 date, t timestamptz) RETURNS timestamp LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN works AND (t AT TIME ZONE 'Asia/Shanghai')::time < time '17:30'
               THEN greatest(t AT TIME ZONE 'Asia/Shanghai', (t AT TIME ZONE 'Asia/Shanghai')::date + time '08:30')
               ELSE next1 + time '08:30' END $$;
-- half a working day (4.5 of the 9 hours) after t, carried into the next working day; works/next1/next2 of t's day
CREATE FUNCTION pg_temp.half_wd(works bool, next1 date, next2 date, t timestamptz) RETURNS timestamptz LANGUAGE sql
IMMUTABLE PARALLEL SAFE AS
$$ SELECT (CASE WHEN pg_temp.wst(works, next1, t) + interval '270 minutes' <= pg_temp.wst(works, next1, t)::date + time '17:30'
                THEN pg_temp.wst(works, next1, t) + interval '270 minutes'
                ELSE CASE WHEN pg_temp.wst(works, next1, t)::date = next1 THEN next2 ELSE next1 END + time '08:30'
                     + (pg_temp.wst(works, next1, t) + interval '270 minutes' - (pg_temp.wst(works, next1, t)::date + time '17:30')) END)
          AT TIME ZONE 'Asia/Shanghai' $$;
-- one working day after t: the next working day at the same time of day
CREATE FUNCTION pg_temp.one_wd(works bool, next1 date, next2 date, t timestamptz) RETURNS timestamptz LANGUAGE sql
IMMUTABLE PARALLEL SAFE AS
$$ SELECT (CASE WHEN pg_temp.wst(works, next1, t)::date = next1 THEN next2 ELSE next1 END + pg_temp.wst(works, next1, t)::time)
          AT TIME ZONE 'Asia/Shanghai' $$;
-- the eligible repair orders a direct complaint can be about: completed workshop orders of consenting customers
CREATE TEMP TABLE gen_vpick ON COMMIT DROP AS
SELECT g.store_id, g.id, g.vehicle_id, g.owner, g.completed_at,
       row_number() OVER (PARTITION BY g.store_id ORDER BY g.id) AS rn, count(*) OVER (PARTITION BY g.store_id) AS cnt
FROM gen_visit g JOIN customers c ON c.id = g.owner
WHERE g.completed_at > {{NOW}} - interval '36 months' AND g.completed_at < {{NOW}} - interval '1 day'
  AND g.types & 127 <> 0 AND c.callback_consent;
CREATE UNIQUE INDEX ON gen_vpick (store_id, rn);
ANALYZE gen_vpick;
CREATE TEMP TABLE gen_cmp0 ON COMMIT DROP AS
SELECT t.key AS ckey, t.store_id, t.customer_id, t.vehicle_id, t.id AS task_id, t.service_visit_id, t.delivery_id,
       CASE WHEN t.type = 0 THEN 1 ELSE 0 END AS department, 0 AS source,
       pg_temp.att_at(t.due, t.n, t.n, t.key) AS received_at,
       CASE WHEN t.pk = 2 THEN ('{RepairQuality,WaitingTime,Price,Attitude,Parts,DeliveryHandover,Other}'::text[])[1 + pg_temp.ri(198, t.key * 8 + 3, 7)]
            WHEN t.type = 0 THEN 'DeliveryHandover' WHEN t.pk = 0 THEN 'RepairQuality' ELSE 'WaitingTime' END AS category,
       CASE WHEN t.pk = 2 THEN ('{空调有异味,车内有异响,休息区太拥挤,配件需要等待,发票开错了}'::text[])[1 + pg_temp.ri(197, t.key * 8 + 3, 5)]
            ELSE ('{等待时间太长,问题没有解决需要返厂,交车时间推迟了,费用没有提前说明,车辆没有清洗}'::text[])[1 + pg_temp.ri(197, t.key * 8 + 1 + t.pk, 5)] END AS description,
       NULL::text AS case_number
FROM gen_task t WHERE t.problem
UNION ALL
SELECT d.ckey, d.store_id, v.owner, v.vehicle_id, NULL, v.id, NULL, 0, d.source, d.received_at,
       ('{RepairQuality,WaitingTime,Price,Attitude,Parts,Other}'::text[])[1 + pg_temp.ri(213, d.ckey, 6)],
       CASE d.source WHEN 3 THEN '厂家400热线转来：' ELSE '' END
         || ('{维修后故障再次出现,预约后仍等待两个多小时,结算金额高于报价,服务顾问态度生硬,配件迟迟不到货,车辆交回时有划痕}'::text[])[1 + pg_temp.ri(214, d.ckey, 6)],
       CASE WHEN d.source = 3 THEN 'GWM400-' || to_char(d.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || d.ckey % 100000 END
FROM (SELECT x.ckey, x.store_id, x.source, v.id AS visit_id,
             date_trunc('second', v.completed_at + (1 + 14 * pg_temp.r(212, x.ckey)) * interval '1 day') AS received_at
      FROM (SELECT 50000000000 + s.id * 100000 + m * 10 + k AS ckey, s.id AS store_id,
                   CASE WHEN k = 1 AND m % 2 = 0 THEN 3 WHEN pg_temp.r(211, s.id * 100000 + m * 10 + k) < 0.6 THEN 1 ELSE 2 END AS source
            FROM stores s, generate_series(0, 35) m, generate_series(1, 2 + pg_temp.ri(216, s.id * 100 + m, 3)) k) x
      JOIN (SELECT store_id, max(cnt) AS cnt FROM gen_vpick GROUP BY store_id) n ON n.store_id = x.store_id
      JOIN gen_vpick v ON v.store_id = x.store_id AND v.rn = 1 + pg_temp.ri(217, x.ckey, n.cnt::int)) d
JOIN gen_vpick v ON v.id = d.visit_id AND v.store_id = d.store_id
WHERE d.received_at < {{NOW}} - interval '30 minutes';
CREATE TEMP TABLE gen_cmp1 ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY c.received_at, c.ckey) AS id, c.*,
       c.source = 0 AND pg_temp.r(220, c.ckey) < 0.10 AS raised,
       pg_temp.r(221, c.ckey) < 0.015 AS stuck,
       CASE WHEN c.source = 3 THEN c.received_at + (1 + pg_temp.ri(222, c.ckey, 20)) * interval '1 hour' ELSE c.received_at END AS entered_at,
       pg_temp.half_wd(n.works, n.next1, n.next2, c.received_at) AS half_at,
       pg_temp.one_wd(n.works, n.next1, n.next2, c.received_at) AS one_at
FROM gen_cmp0 c JOIN gen_nwd n ON n.store_id = c.store_id AND n.d = pg_temp.day(c.received_at);
CREATE TEMP TABLE gen_cmp ON COMMIT DROP AS
WITH a AS (
    SELECT c.*,
           CASE WHEN c.raised THEN date_trunc('second', c.received_at + (1 + 5 * pg_temp.r(223, c.ckey)) * interval '1 hour')
                WHEN c.source <> 0 THEN c.received_at END AS clock_at,
           date_trunc('second', CASE WHEN pg_temp.r(224, c.ckey) < 0.88 THEN c.received_at + (c.one_at - c.received_at) * (0.1 + 0.8 * pg_temp.r(225, c.ckey))
                ELSE c.one_at + (1 + pg_temp.ri(225, c.ckey, 30)) * interval '1 hour' END) AS call_at
    FROM gen_cmp1 c
), b AS (
    SELECT a.*, CASE WHEN a.clock_at IS NOT NULL THEN 1 ELSE 0 END AS kind,
           date_trunc('second', a.clock_at + CASE WHEN pg_temp.r(226, a.ckey) < 0.9 THEN 1 + 22 * pg_temp.r(227, a.ckey)
                                                  ELSE 25 + 40 * pg_temp.r(227, a.ckey) END * interval '1 hour') AS contact_at,
           date_trunc('second', greatest(a.entered_at, a.clock_at) + CASE WHEN pg_temp.r(228, a.ckey) < 0.92 THEN 0.5 + 12 * pg_temp.r(229, a.ckey)
                                                  ELSE 25 + 20 * pg_temp.r(229, a.ckey) END * interval '1 hour') AS portal_at,
           date_trunc('second', CASE WHEN a.clock_at IS NULL THEN a.call_at + (0.5 + 4 * pg_temp.r(230, a.ckey)) * interval '1 day'
                WHEN pg_temp.r(231, a.ckey) < 0.88 THEN a.clock_at + (1 + 5.5 * pg_temp.r(230, a.ckey)) * interval '1 day'
                ELSE a.clock_at + (7.2 + 5 * pg_temp.r(230, a.ckey)) * interval '1 day' END) AS resolved_plan
    FROM a
)
SELECT b.*, st.officers[1 + pg_temp.ri(232, b.ckey, cardinality(st.officers))] AS officer_id,
       CASE b.department WHEN 1 THEN st.manager_id ELSE st.service_manager_id END AS manager_id,
       CASE WHEN b.clock_at = b.received_at THEN b.half_at ELSE pg_temp.half_wd(k.works, k.next1, k.next2, b.clock_at) END AS clock_half,
       r.next1 AS fu_due,
       (r.next1 + pg_temp.ri(237, b.ckey, 3) + time '10:00' + pg_temp.ri(233, b.ckey, 360) * interval '1 minute')
           AT TIME ZONE 'Asia/Shanghai' AS fu_at,
       CASE WHEN b.stuck OR b.resolved_plan > {{NOW}} THEN 0
            WHEN (r.next1 + pg_temp.ri(237, b.ckey, 3) + time '10:00' + pg_temp.ri(233, b.ckey, 360) * interval '1 minute')
                 AT TIME ZONE 'Asia/Shanghai' > {{NOW}}
            THEN 1 ELSE 2 END AS status
FROM b JOIN gen_store st ON st.store_id = b.store_id
JOIN gen_nwd r ON r.store_id = b.store_id AND r.d = pg_temp.day(b.resolved_plan)
LEFT JOIN gen_nwd k ON k.store_id = b.store_id AND k.d = pg_temp.day(b.clock_at);
CREATE UNIQUE INDEX ON gen_cmp (id);
CREATE INDEX ON gen_cmp (store_id, received_at);
ANALYZE gen_cmp;

--@phase complaints complaints
INSERT INTO complaints (id, store_id, kind, source, status, customer_id, vehicle_id, callback_task_id, service_visit_id,
                        delivery_id, department, responsible_user_id, category_code, description, manufacturer_case_number,
                        received_at, complaint_received_at, manager_call_agreed_at, resolved_at, resolution, closed_at,
                        reopen_count, created_by_id, created_at)
SELECT c.id, c.store_id, c.kind, c.source, c.status, c.customer_id, c.vehicle_id, c.task_id, c.service_visit_id,
       c.delivery_id, c.department, CASE WHEN pg_temp.r(234, c.ckey) < 0.7 THEN c.manager_id END, c.category, c.description,
       c.case_number, c.received_at, c.clock_at, NULL,
       CASE WHEN c.status >= 1 THEN c.resolved_plan END,
       CASE WHEN c.status >= 1 THEN ('{已向客户致歉并免费返修,退还部分费用,赠送保养券一张,更换配件并延长质保,专人跟进直至客户满意}'::text[])[1 + pg_temp.ri(235, c.ckey, 5)] END,
       CASE WHEN c.status = 2 THEN c.fu_at END, 0, c.officer_id, c.entered_at
FROM gen_cmp c ORDER BY c.id;

--@phase complaint-steps complaint_steps
-- The timeline as the domain writes it: a grievance's submission (done at the call) and the manager's call; when
-- raised, the call superseded if still pending, the raise, then the complaint clock (escalated at entry, first contact
-- 24 h, portal updated 24 h and result reported 7 d for manufacturer cases, resolved 7 d); a grievance's resolution
-- step (no limit) once resolved; the closing step.
INSERT INTO complaint_steps (complaint_id, type, position, deadline, done_at, done_by_id, note, superseded, breach_notified_at)
SELECT x.complaint_id, x.type, row_number() OVER (PARTITION BY x.complaint_id ORDER BY x.ord), x.deadline,
       x.done_at, CASE WHEN x.done_at IS NOT NULL THEN x.done_by END, x.note, x.superseded,
       -- the clock job flagged the breaches of steps still open past their limit
       CASE WHEN x.done_at IS NULL AND NOT x.superseded AND x.deadline < {{NOW}} - interval '15 minutes' THEN x.deadline + interval '15 minutes' END
FROM (
    SELECT c.id AS complaint_id, 0 AS type, 1 AS ord, c.half_at AS deadline, c.received_at AS done_at, c.officer_id AS done_by,
           NULL::text AS note, false AS superseded
    FROM gen_cmp c WHERE c.source = 0
    UNION ALL
    SELECT c.id, 1, 2, c.one_at,
           CASE WHEN c.stuck OR c.call_at > {{NOW}} OR (c.raised AND c.clock_at < c.call_at) THEN NULL ELSE c.call_at END,
           c.manager_id, '已致电客户了解情况', c.raised AND c.clock_at < c.call_at
    FROM gen_cmp c WHERE c.source = 0
    UNION ALL
    SELECT c.id, 8, 3, NULL, c.clock_at, c.manager_id, '客户问题较严重，升级为投诉', false FROM gen_cmp c WHERE c.raised
    UNION ALL
    SELECT c.id, 2, 4, c.clock_half, greatest(c.entered_at, c.clock_at),
           CASE WHEN c.raised THEN c.manager_id ELSE c.officer_id END, NULL, false
    FROM gen_cmp c WHERE c.kind = 1
    UNION ALL
    SELECT c.id, 3, 5, c.clock_at + interval '24 hours', CASE WHEN c.stuck OR c.contact_at > {{NOW}} THEN NULL ELSE c.contact_at END,
           c.manager_id, '已联系客户', false
    FROM gen_cmp c WHERE c.kind = 1
    UNION ALL
    SELECT c.id, 6, 6, c.clock_at + interval '24 hours', CASE WHEN c.stuck OR c.portal_at > {{NOW}} THEN NULL ELSE c.portal_at END,
           c.manager_id, '已在厂家系统登记', false
    FROM gen_cmp c WHERE c.source = 3
    UNION ALL
    SELECT c.id, 4, 7, CASE WHEN c.kind = 1 THEN c.clock_at + interval '7 days' END,
           CASE WHEN c.status >= 1 THEN c.resolved_plan END, c.manager_id,
           CASE WHEN c.status >= 1 THEN '已处理完毕' END, false
    FROM gen_cmp c WHERE c.kind = 1 OR c.status >= 1
    UNION ALL
    SELECT c.id, 7, 8, c.clock_at + interval '7 days',
           CASE WHEN c.status >= 1 AND c.resolved_plan + interval '3 hours' <= {{NOW}} THEN c.resolved_plan + interval '3 hours' END,
           c.manager_id, NULL, false
    FROM gen_cmp c WHERE c.source = 3
    UNION ALL
    SELECT c.id, 10, 9, NULL, c.fu_at, c.officer_id, '回访客户表示满意', false FROM gen_cmp c WHERE c.status = 2
) x
ORDER BY x.complaint_id, x.ord;

--@phase complaint-follow-ups callback_tasks
-- The CRM officer's follow-up call of each resolved item (4.4): due the next working day, to the customer's mobile;
-- reached and satisfied on the closed ones (one answered attempt), open on the ones still waiting.
CREATE TEMP TABLE gen_fu ON COMMIT DROP AS
SELECT (SELECT max(id) FROM callback_tasks) + row_number() OVER (ORDER BY c.id) AS fu_id, c.*
FROM gen_cmp c WHERE c.status >= 1;
INSERT INTO callback_tasks (id, store_id, type, customer_id, vehicle_id, delivery_id, service_visit_id, due_date,
                            assigned_to_id, status, created_at, closed_at, closed_by_id, comments, contact_name,
                            contact_number, occasion_key, overall_satisfaction, complaint_id)
SELECT f.fu_id, f.store_id, 4, f.customer_id, f.vehicle_id, NULL, f.service_visit_id, f.fu_due, f.officer_id,
       CASE WHEN f.status = 2 THEN 1 ELSE 0 END, f.resolved_plan,
       CASE WHEN f.status = 2 THEN f.fu_at END, CASE WHEN f.status = 2 THEN f.officer_id END,
       CASE WHEN f.status = 2 THEN '客户确认问题已解决' END, cu.name, cu.mobile, 'cf:' || f.id || ':0',
       CASE WHEN f.status = 2 THEN 4 + (pg_temp.r(236, f.ckey) < 0.5)::int END, f.id
FROM gen_fu f JOIN customers cu ON cu.id = f.customer_id
ORDER BY f.fu_id;
INSERT INTO callback_attempts (task_id, outcome, number_dialled, by_user_id, at)
SELECT t.id, 0, t.contact_number, t.closed_by_id, t.closed_at FROM callback_tasks t
WHERE t.type = 4 AND t.status = 1 ORDER BY t.id;

--@phase actions corrective_actions
-- Corrective and preventive actions (4.5): two to four per store-month over the last 12 months (the current month's in
-- the ten days before today), opened by the service manager (corrective ones from a complaint of the weeks before
-- when there is one, preventive ones for a recurring problem category), responsible an advisor (or the service
-- manager) with one or two advisors taking part, due in 2-5 weeks; approved by the GM within two days (30%: two to
-- five days; a quarter of the recent ones returned with a comment instead), done by the responsible person 3-25 days
-- later, verified by the service manager 1-14 days after; 6% never done (late once past due).
CREATE TEMP TABLE gen_act ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY x.store_id, x.opened_at, x.akey) AS id, x.*,
       (SELECT c.id FROM gen_cmp c WHERE c.store_id = x.store_id AND c.kind = 1 AND c.received_at BETWEEN x.opened_at - interval '21 days'
            AND x.opened_at ORDER BY c.received_at DESC LIMIT 1) AS complaint_pick
FROM (SELECT s.id * 10000 + m * 10 + k AS akey, s.id AS store_id, m, k,
             -- the current month's share: opened in the ten days before today (the GM's desk is never empty)
             date_trunc('second', (CASE WHEN m = 0 THEN {{TODAY}} - 1 - pg_temp.ri(240, s.id * 10000 + k, 10)
                                        ELSE (date_trunc('month', {{TODAY}}) - m * interval '1 month')::date
                                             + pg_temp.ri(240, s.id * 10000 + m * 10 + k, 28) END + time '09:00'
                 + pg_temp.ri(241, s.id * 10000 + m * 10 + k, 540) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai') AS opened_at
      FROM stores s, generate_series(0, 11) m, generate_series(1, 2 + pg_temp.ri(242, s.id * 100 + m, 3)) k) x
WHERE x.opened_at < {{NOW}} - interval '1 hour';
ALTER TABLE gen_act ADD COLUMN kind int, ADD COLUMN responsible bigint, ADD COLUMN sm bigint, ADD COLUMN gm bigint,
    ADD COLUMN advisors bigint[], ADD COLUMN returned_at timestamptz, ADD COLUMN approved_at timestamptz,
    ADD COLUMN done_at timestamptz, ADD COLUMN closed_at timestamptz, ADD COLUMN due date, ADD COLUMN status int;
UPDATE gen_act a SET
    kind = CASE WHEN pg_temp.r(243, a.akey) < 0.7 THEN 0 ELSE 1 END,
    responsible = CASE WHEN pg_temp.r(244, a.akey) < 0.7 THEN st.advisors[1 + pg_temp.ri(245, a.akey, cardinality(st.advisors))]
                       ELSE st.service_manager_id END,
    sm = st.service_manager_id, gm = coalesce(st.gm_id, st.manager_id), advisors = st.advisors,
    returned_at = CASE WHEN a.opened_at > {{NOW}} - interval '10 days' AND pg_temp.r(246, a.akey) < 0.25
                       THEN date_trunc('second', a.opened_at + (3 + 20 * pg_temp.r(247, a.akey)) * interval '1 hour') END,
    approved_at = date_trunc('second', a.opened_at + CASE WHEN pg_temp.r(256, a.akey) < 0.7 THEN 2 + 46 * pg_temp.r(247, a.akey)
                                                          ELSE 48 + 72 * pg_temp.r(247, a.akey) END * interval '1 hour'),
    due = pg_temp.day(a.opened_at) + 14 + pg_temp.ri(248, a.akey, 22)
FROM gen_store st WHERE st.store_id = a.store_id;
UPDATE gen_act SET returned_at = NULL WHERE returned_at > {{NOW}};
UPDATE gen_act SET
    done_at = CASE WHEN returned_at IS NULL AND pg_temp.r(249, akey) >= 0.06
                   THEN date_trunc('second', approved_at + (3 + 22 * pg_temp.r(250, akey)) * interval '1 day') END;
UPDATE gen_act SET
    closed_at = date_trunc('second', done_at + (1 + 13 * pg_temp.r(251, akey)) * interval '1 day'),
    done_at = CASE WHEN done_at <= {{NOW}} THEN done_at END,
    approved_at = CASE WHEN returned_at IS NULL AND approved_at <= {{NOW}} THEN approved_at END;
UPDATE gen_act SET closed_at = NULL WHERE closed_at > {{NOW}} OR done_at IS NULL;
UPDATE gen_act SET status = CASE WHEN returned_at IS NOT NULL THEN 1 WHEN closed_at IS NOT NULL THEN 4
                                 WHEN done_at IS NOT NULL THEN 3 WHEN approved_at IS NOT NULL THEN 2 ELSE 0 END;
INSERT INTO corrective_actions (id, store_id, kind, status, complaint_id, problem_category_code, problem, description,
                                responsible_user_id, due_date, what_was_done, opened_by_id, opened_at, approved_at,
                                done_at, closed_at)
SELECT a.id, a.store_id, a.kind, a.status, CASE WHEN a.kind = 0 THEN a.complaint_pick END,
       CASE WHEN a.kind = 1 OR a.complaint_pick IS NULL THEN ('{RepairQuality,WaitingTime,Price,Attitude,Parts}'::text[])[1 + pg_temp.ri(252, a.akey, 5)] END,
       CASE WHEN a.kind = 1 THEN ('{一次修复率偏低,接车等待时间长,费用解释不清,服务态度投诉,配件缺货}'::text[])[1 + pg_temp.ri(252, a.akey, 5)] END,
       ('{返修车辆交车前由技术主管复检,高峰时段增加接车顾问,报价单增项须客户签字确认,服务礼仪培训并考核,常用配件建立安全库存}'::text[])[1 + pg_temp.ri(252, a.akey, 5)],
       a.responsible, a.due, CASE WHEN a.done_at IS NOT NULL THEN '已按措施执行并记录' END, a.sm, a.opened_at, a.approved_at,
       a.done_at, a.closed_at
FROM gen_act a ORDER BY a.id;
INSERT INTO action_participants (action_id, user_id)
SELECT DISTINCT a.id, a.advisors[1 + pg_temp.ri(253 + j, a.akey, cardinality(a.advisors))]
FROM gen_act a, generate_series(0, pg_temp.ri(255, a.akey, 2)) j
WHERE a.advisors[1 + pg_temp.ri(253 + j, a.akey, cardinality(a.advisors))] <> a.responsible
ORDER BY 1, 2;
INSERT INTO action_events (action_id, "from", "to", by_user_id, at, comment)
SELECT e.action_id, e."from", e."to", e.by_user_id, e.at, e.comment
FROM (SELECT a.id AS action_id, NULL::int AS "from", 0 AS "to", a.sm AS by_user_id, a.opened_at AS at, NULL::text AS comment, 1 AS ord FROM gen_act a
      UNION ALL SELECT a.id, 0, 1, a.gm, a.returned_at, '请补充完成时间和考核方式', 2 FROM gen_act a WHERE a.returned_at IS NOT NULL
      UNION ALL SELECT a.id, 0, 2, a.gm, a.approved_at, NULL, 3 FROM gen_act a WHERE a.approved_at IS NOT NULL
      UNION ALL SELECT a.id, 2, 3, a.responsible, a.done_at, NULL, 4 FROM gen_act a WHERE a.done_at IS NOT NULL
      UNION ALL SELECT a.id, 3, 4, a.sm, a.closed_at, '效果已验证', 5 FROM gen_act a WHERE a.closed_at IS NOT NULL) e
ORDER BY e.action_id, e.ord;

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
