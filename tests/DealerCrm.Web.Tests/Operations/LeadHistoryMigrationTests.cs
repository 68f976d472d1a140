using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// The migration that gives history lines typed columns converts the lines written before, which kept owner ids,
/// dates, grades, statuses and amounts as text; deliveries, which had no line of their own, get one. Runs on a
/// database of its own, migrated to the version before, filled as the old code filled it, then migrated on.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class LeadHistoryMigrationTests
{
    private const string Before = "20261125085556_ImportRowsWithoutPerRowKeyChecks";
    private const string Migration = "20261201130921_TypeLeadHistoryColumns";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Existing_lines_are_read_into_typed_columns_and_each_delivery_gets_its_line()
    {
        var connectionString = TestPostgres.RecreateDatabase("dealercrm_history_migration_tests");
        await using var db = Context(connectionString);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        await FillAsOldCodeDidAsync(connectionString);

        await migrator.MigrateAsync(Migration);

        var events = await db.LeadEvents.AsNoTracking().OrderBy(e => e.Id).ToDictionaryAsync(e => e.Id);
        (events[1].ToGrade, events[1].ToOwnerId, events[1].ToStatus).Should().Be((Grade.A, 10L, LeadStatus.Active));
        events[2].PlanDate.Should().Be(new DateOnly(2026, 11, 30));
        (events[3].FromGrade, events[3].ToGrade, events[3].Reason).Should().Be((Grade.A, Grade.H, "试驾后满意"));
        events[4].FollowUpResult.Should().Be(FollowUpResult.Invited);
        (events[5].Field, events[5].FromText, events[5].ToText).Should().Be(("IntendedModel", "哈弗H6", "坦克500"));
        events[6].Field.Should().BeNull("the model did not change, and which field did was not kept");
        (events[8].FromOwnerId, events[8].ToOwnerId, events[8].Reason).Should().Be((10L, 11L, "李顾问休假"));
        (events[9].FromOwnerId, events[9].ToOwnerId).Should().Be((11L, 13L), "the claim was against the owner then");
        (events[10].Amount, events[10].OrderId).Should().Be((5000m, 100L));
        (events[11].FromGrade, events[11].ToGrade).Should().Be((Grade.H, Grade.O));
        (events[12].FromStatus, events[12].ToStatus).Should().Be((LeadStatus.Ordered, LeadStatus.Won));

        (events[21].FromStatus, events[21].ToStatus).Should().Be((LeadStatus.Active, LeadStatus.DefeatPending));
        (events[23].ToOwnerId, events[23].PlanDate).Should().Be((11L, new DateOnly(2026, 12, 5)), "the rescue's owner and plan");
        (events[27].OrderId, events[27].Reason).Should().Be((101L, "资金出了问题"));

        (events[31].FromOwnerId, events[31].ToOwnerId).Should().Be((10L, null), "an id of no user is not kept");
        (events[32].FromOwnerId, events[32].ToOwnerId).Should().Be((null, 11L));

        var delivered = events.Values.Should().ContainSingle(e => e.Kind == LeadEventKind.Delivered).Subject;
        (delivered.LeadId, delivered.ActorId, delivered.At, delivered.OrderId, delivered.Vin, delivered.Amount)
            .Should().Be((1L, 11L, T0.AddHours(5), 100L, "LSVAU218XN2183294", 148_000m));

        // And back: the text columns return for what they could hold, the delivery lines go.
        await migrator.MigrateAsync(Before);
        var text = await ReadAsync(connectionString, """SELECT id, coalesce("from", '') || '>' || coalesce("to", '') FROM lead_events ORDER BY id""");
        text.Should().Contain([(1L, ">A"), (2L, ">2026-11-30"), (3L, "A>H"), (8L, "10>11"), (10L, ">5000"), (12L, "Ordered>Won")]);
        text.Should().HaveCount(22);
    }

    private static CrmDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        DataServiceCollectionExtensions.ConfigureNpgsql(options, connectionString);
        return new CrmDbContext(options.Options);
    }

    /// <summary>
    /// History lines as the old code wrote them (names, ids and dates as text), with the orders, the delivery and the
    /// users and leads they point to. Foreign keys are not checked while filling (replica mode), so no store or
    /// customer rows are needed.
    /// </summary>
    private static async Task FillAsOldCodeDidAsync(string connectionString)
    {
        var at = Enumerable.Range(0, 6).Select(h => T0.AddHours(h).UtcDateTime.ToString("O")).ToArray();
        await TestPostgres.ExecuteAsync(connectionString, $$"""
            SET session_replication_role = replica;
            INSERT INTO users (id, display_name, store_id, is_active, created_at, email_confirmed, phone_number_confirmed,
                               two_factor_enabled, lockout_enabled, access_failed_count)
            SELECT id, 'user ' || id, 1, true, '{{at[0]}}', false, false, false, true, 0 FROM unnest(ARRAY[10, 11, 12, 13]) id;
            INSERT INTO leads (id, store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at, created_at,
                               interest_has_trade_in, interest_payment_method, interest_purchase_type)
            SELECT id, 1, id, 11, 2, 2, '{}', 0, '{{at[0]}}', '{{at[0]}}', false, 0, 0 FROM unnest(ARRAY[1, 2, 3]) id;
            INSERT INTO orders (id, lead_id, store_id, order_date, model, agreed_price, deposit, payment_method, grade_before,
                                status, created_at, cancel_reason)
            VALUES (100, 1, 1, '2026-11-02', '坦克500', 150000, 5000, 0, 1, 1, '{{at[4]}}', NULL),
                   (101, 2, 1, '2026-11-02', '哈弗H6', 120000, 3000, 0, 3, 2, '{{at[4]}}', '资金出了问题');
            INSERT INTO vehicles (id, store_id, vin, model, owner_customer_id, purchase_date, sold_by_us, created_at)
            VALUES (300, 1, 'LSVAU218XN2183294', '坦克500', 1, '2026-11-02', true, '{{at[5]}}');
            INSERT INTO deliveries (id, lead_id, order_id, store_id, customer_id, vehicle_id, delivered_at, final_price,
                                    invoice_number, created_at)
            VALUES (200, 1, 100, 1, 1, 300, '{{at[5]}}', 148000, 'FP-1', '{{at[5]}}');
            INSERT INTO lead_events (id, lead_id, kind, actor_id, at, "from", "to", reason) VALUES
                (1, 1, 0, 10, '{{at[0]}}', NULL, 'A', NULL),
                (2, 1, 4, 10, '{{at[0]}}', NULL, '2026-11-30', NULL),
                (3, 1, 1, 10, '{{at[1]}}', 'A', 'H', '试驾后满意'),
                (4, 1, 8, 10, '{{at[1]}}', NULL, 'Invited', NULL),
                (5, 1, 2, 10, '{{at[1]}}', '哈弗H6', '坦克500', NULL),
                (6, 1, 2, 10, '{{at[1]}}', '坦克500', '坦克500', NULL),
                (7, 1, 3, 10, '{{at[1]}}', NULL, NULL, NULL),
                (8, 1, 5, 12, '{{at[2]}}', '10', '11', '李顾问休假'),
                (9, 1, 7, 13, '{{at[3]}}', NULL, '13', NULL),
                (10, 1, 9, 11, '{{at[4]}}', NULL, '5000', NULL),
                (11, 1, 1, 11, '{{at[4]}}', 'H', 'O', NULL),
                (12, 1, 6, 11, '{{at[5]}}', 'Ordered', 'Won', NULL),
                (20, 2, 0, 10, '{{at[0]}}', NULL, 'B', NULL),
                (21, 2, 6, 10, '{{at[1]}}', 'Active', 'DefeatPending', '客户犹豫'),
                (22, 2, 6, 12, '{{at[2]}}', 'DefeatPending', 'Defeated', NULL),
                (23, 2, 11, 12, '{{at[3]}}', NULL, NULL, '新车上市'),
                (24, 2, 5, 12, '{{at[3]}}', '10', '11', NULL),
                (25, 2, 6, 12, '{{at[3]}}', 'Defeated', 'Active', NULL),
                (26, 2, 4, 12, '{{at[3]}}', NULL, '2026-12-05', 'manager decision'),
                (27, 2, 10, 11, '{{at[5]}}', NULL, NULL, '资金出了问题'),
                (31, 3, 5, 12, '{{at[2]}}', '10', '99', NULL),
                (32, 3, 5, 12, '{{at[3]}}', 'abc', '11', NULL);
            SELECT setval(pg_get_serial_sequence('lead_events', 'id'), max(id)) FROM lead_events;
            SET session_replication_role = DEFAULT;
            """);
    }

    private static async Task<List<(long, string)>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }
}
