using System.Collections.Concurrent;
using System.Text.Json;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>One SQL command the app ran, with its parameter values, to be explained again.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// The SQL commands EF Core runs while it is alive (the app runs in the test's process): the page's real statements,
/// handed over by <see cref="SqlCaptureInterceptor"/>, which the test host registers on every context, so a plan test
/// explains what the page runs and not a copy of it. (EF's diagnostic events are not enough: a pooled context keeps
/// its logging decision for a second, so a listener that starts just before the request can miss it.)
/// </summary>
public sealed class SqlCapture : IDisposable
{
    private static readonly ConcurrentDictionary<SqlCapture, byte> Active = new();
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();

    public SqlCapture() => Active[this] = 0;

    public IReadOnlyList<CapturedCommand> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    internal static void Record(System.Data.Common.DbCommand command)
    {
        foreach (var capture in Active.Keys)
        {
            capture._commands.Enqueue(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
        }
    }

    public void Dispose() => Active.TryRemove(this, out _);
}

/// <summary>Hands every command a context runs to the <see cref="SqlCapture"/>s alive at that moment.</summary>
public sealed class SqlCaptureInterceptor : DbCommandInterceptor
{
    public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
        CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
    {
        SqlCapture.Record(command);
        return ValueTask.FromResult(result);
    }

    public override System.Data.Common.DbDataReader ReaderExecuted(System.Data.Common.DbCommand command,
        CommandExecutedEventData eventData, System.Data.Common.DbDataReader result)
    {
        SqlCapture.Record(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(System.Data.Common.DbCommand command,
        CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        SqlCapture.Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command,
        CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SqlCapture.Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>One node of a plan: its type, the table it reads and through which index.</summary>
public sealed record PlanNode(string NodeType, string? Relation, string? Index)
{
    public override string ToString() => $"{NodeType} {Relation} {Index}".Trim();
}

/// <summary>A statement's plan as PostgreSQL chose it (EXPLAIN, FORMAT JSON), flattened, with the JSON for messages.</summary>
public sealed record QueryPlan(string Sql, IReadOnlyList<PlanNode> Nodes, string Json)
{
    public IEnumerable<PlanNode> ScansOf(string table) => Nodes.Where(n => n.Relation == table);

    public bool Uses(string index) => Nodes.Any(n => n.Index == index);

    public bool HasSort => Nodes.Any(n => n.NodeType is "Sort" or "Incremental Sort");

    public override string ToString() => $"{Sql}\n{string.Join("\n", Nodes)}";
}

public static class QueryPlans
{
    /// <summary>EXPLAIN of a captured command with its own parameter values, as the app's connection would plan it.</summary>
    public static async Task<QueryPlan> ExplainAsync(this AppFixture app, CapturedCommand command)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.Sql, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var json = (string)(await explain.ExecuteScalarAsync())!;
        var nodes = new List<PlanNode>();
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement[0].GetProperty("Plan"), nodes);
        return new QueryPlan(command.Sql, nodes, json);
    }

    /// <summary>The plans of the captured SELECTs whose text contains <paramref name="fragment"/>.</summary>
    public static async Task<List<QueryPlan>> ExplainAllAsync(this AppFixture app, SqlCapture capture, string fragment)
    {
        var plans = new List<QueryPlan>();
        foreach (var command in capture.Commands.Where(c => c.Sql.Contains(fragment, StringComparison.Ordinal)
                     && (c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                         || c.Sql.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase))))
        {
            plans.Add(await app.ExplainAsync(command));
        }

        return plans;
    }

    private static void Walk(JsonElement plan, List<PlanNode> nodes)
    {
        nodes.Add(new PlanNode(plan.GetProperty("Node Type").GetString()!,
            plan.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            plan.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }

    /// <summary>
    /// Fills a store the way a busy one looks, in a few set-based statements: <paramref name="count"/> customers with
    /// 2- and 3-character names and one lead each spread over <paramref name="owners"/> (about 70% open, the rest
    /// won, defeated, dormant or invalid), one open plan per open lead and four done ones per lead, two follow-up
    /// records and two history lines per lead, an order per Ordered or Won lead; then VACUUM ANALYZE, so PostgreSQL
    /// plans with the statistics of a large table. Returns nothing: the tests look at plans and page figures.
    /// </summary>
    public static async Task FillStoreAsync(this AppFixture app, Store store, long[] owners, int count)
    {
        var today = app.TodayIn(store);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand("""
            CREATE TEMP TABLE fill_customers AS
            WITH inserted AS (
                INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted,
                                       marketing_consent, callback_consent, cumulative_spend, created_at, updated_at)
                SELECT @store, 0,
                       (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + g % 20]
                       || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','涛','明','超','霞','平','刚','桂'])[1 + (g / 20) % 20]
                       || CASE WHEN g % 3 = 0 THEN (ARRAY['华','英','玉','兰','萍','红','鹏','辉','飞','宇'])[1 + (g / 400) % 10] ELSE '' END,
                       g % 3, '15' || lpad((@store::bigint * 1000000 + g)::text, 9, '0'), false, false, false, false,
                       false, 0, @now, @now
                FROM generate_series(1, @count) g
                RETURNING id, substr(mobile, 3)::bigint % 1000000 AS n)
            SELECT * FROM inserted;

            CREATE TEMP TABLE fill_leads AS
            WITH inserted AS (
                INSERT INTO leads (store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at,
                                   created_at, first_contact_at, next_follow_up_date, last_follow_up_date,
                                   interest_has_trade_in, interest_payment_method, interest_purchase_type,
                                   interest_intended_model)
                SELECT @store, c.id, (@owners)[1 + c.n % cardinality(@owners)], c.n % 7,
                       CASE WHEN s.status = 1 THEN 0 ELSE 1 + (c.n / 100) % 4 END, '{}', s.status,
                       @now - (c.n % 1000) * interval '1 day', @now - (c.n % 1000) * interval '1 day',
                       CASE WHEN c.n % 10 = 0 THEN NULL ELSE @now - (c.n % 1000) * interval '1 day' END,
                       CASE WHEN s.status IN (0, 1, 3) THEN @today + ((c.n * 13) % 70 - 40)::int END,
                       @today - (c.n % 200)::int, false, 0, 0, '星越L'
                FROM fill_customers c
                CROSS JOIN LATERAL (SELECT CASE WHEN c.n % 100 < 68 THEN 0 WHEN c.n % 100 < 70 THEN 1
                                                WHEN c.n % 100 = 70 THEN 3 WHEN c.n % 100 < 81 THEN 2
                                                WHEN c.n % 100 < 93 THEN 4 WHEN c.n % 100 < 98 THEN 5 ELSE 6 END AS status) s
                RETURNING id, owner_id, status, grade, created_at, next_follow_up_date)
            SELECT * FROM inserted;

            INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
            SELECT id, @store, owner_id, next_follow_up_date, 0, 0, 0, created_at FROM fill_leads WHERE status IN (0, 1, 3);
            INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
            SELECT id, @store, owner_id, @today - 300 + k, 0, 0, 1, created_at FROM fill_leads, generate_series(1, 4) k;
            INSERT INTO follow_up_records (lead_id, store_id, author_id, contacted_at, method, content, result,
                                           grade_before, grade_after, business_date, created_at)
            SELECT id, @store, owner_id, created_at, 0, '电话沟通', 0, grade, grade, @today - 300 + k, created_at
            FROM fill_leads, generate_series(1, 2) k;
            INSERT INTO lead_events (lead_id, kind, actor_id, at)
            SELECT id, k, owner_id, created_at FROM fill_leads, generate_series(0, 1) k;
            INSERT INTO orders (lead_id, store_id, order_date, model, agreed_price, deposit, payment_method,
                                grade_before, status, created_at)
            SELECT id, @store, @today - 30, '星越L', 150000, 5000, 0, 1, CASE WHEN status = 1 THEN 0 ELSE 1 END, created_at
            FROM fill_leads WHERE status IN (1, 2);
            DROP TABLE fill_customers;
            DROP TABLE fill_leads;
            """, connection))
        {
            fill.Parameters.AddWithValue("store", store.Id);
            fill.Parameters.AddWithValue("owners", owners);
            fill.Parameters.AddWithValue("count", count);
            fill.Parameters.AddWithValue("now", app.Now);
            fill.Parameters.AddWithValue("today", today);
            await fill.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
