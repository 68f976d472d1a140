using DealerCrm.Web.Data;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// The migration that keeps the selling consultant on each delivery (issue 14: replacement leads read it from an index)
/// gives the deliveries made before it their delivered lead's owner. Runs on a database of its own, migrated to the
/// version before, filled as the old code filled it, then migrated on.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DeliveryConsultantMigrationTests
{
    private const string Before = "20261202180115_OpenReminderCallsIndex";
    private const string Migration = "20261202231126_DeliveryConsultant";
    private const string At = "2026-11-20 10:00:00+00";

    [Fact]
    public async Task Each_earlier_delivery_gets_its_delivered_leads_owner()
    {
        var connectionString = TestPostgres.RecreateDatabase("dealercrm_delivery_consultant_migration_tests");
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        DataServiceCollectionExtensions.ConfigureNpgsql(options, connectionString);
        await using var db = new CrmDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        // Two leads of different owners, each delivered once (foreign keys unchecked while filling: replica mode).
        await TestPostgres.ExecuteAsync(connectionString, $$"""
            SET session_replication_role = replica;
            INSERT INTO users (id, display_name, store_id, is_active, created_at, email_confirmed, phone_number_confirmed,
                               two_factor_enabled, lockout_enabled, access_failed_count)
            SELECT id, 'user ' || id, 1, true, '{{At}}', false, false, false, true, 0 FROM unnest(ARRAY[11, 12]) id;
            INSERT INTO leads (id, store_id, customer_id, owner_id, source, grade, grade_signs, status, arrived_at, created_at,
                               interest_has_trade_in, interest_payment_method, interest_purchase_type)
            VALUES (1, 1, 1, 11, 2, 2, '{}', 6, '{{At}}', '{{At}}', false, 0, 0),
                   (2, 1, 2, 12, 2, 2, '{}', 6, '{{At}}', '{{At}}', false, 0, 0);
            INSERT INTO deliveries (id, lead_id, order_id, store_id, customer_id, vehicle_id, delivered_at, final_price,
                                    invoice_number, created_at)
            VALUES (200, 1, 100, 1, 1, 300, '{{At}}', 148000, 'FP-1', '{{At}}'),
                   (201, 2, 101, 1, 2, 301, '{{At}}', 98000, 'FP-2', '{{At}}');
            SET session_replication_role = DEFAULT;
            """);

        await migrator.MigrateAsync(Migration);

        var consultants = await db.Deliveries.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.ConsultantId }).ToListAsync();
        consultants.Select(d => (d.Id, d.ConsultantId)).Should().Equal((200L, 11L), (201L, 12L));
    }
}
