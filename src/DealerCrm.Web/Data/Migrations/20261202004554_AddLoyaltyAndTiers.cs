using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLoyaltyAndTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "payer",
                table: "service_visits",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            // Existing orders get the payer their types imply (ServiceVisit.DefaultPayer): insurance repair the
            // insurer's, else warranty the manufacturer's, else the customer's (the default above).
            migrationBuilder.Sql("""
                UPDATE service_visits SET payer = CASE WHEN types & 32 <> 0 THEN 2 ELSE 1 END
                WHERE types & 36 <> 0
                """);

            migrationBuilder.CreateTable(
                name: "customer_loyalty",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<short>(type: "smallint", nullable: true),
                    tier = table.Column<short>(type: "smallint", nullable: false),
                    spend = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    tier_since = table.Column<DateOnly>(type: "date", nullable: false),
                    last_downgrade_on = table.Column<DateOnly>(type: "date", nullable: true),
                    risk = table.Column<short>(type: "smallint", nullable: false),
                    risk_until = table.Column<DateOnly>(type: "date", nullable: true),
                    calculated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_loyalty", x => x.customer_id);
                    table.ForeignKey(
                        name: "fk_customer_loyalty_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loyalty_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    trigger = table.Column<short>(type: "smallint", nullable: false),
                    by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    step = table.Column<int>(type: "integer", nullable: false),
                    steps = table.Column<int>(type: "integer", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    category_changes = table.Column<int>(type: "integer", nullable: false),
                    upgrades = table.Column<int>(type: "integer", nullable: false),
                    downgrades = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loyalty_settings",
                columns: table => new
                {
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    interval_months = table.Column<int>(type: "integer", nullable: false),
                    interval_km = table.Column<int>(type: "integer", nullable: false),
                    counted_intervals = table.Column<int>(type: "integer", nullable: false),
                    first_maintenance_months = table.Column<int>(type: "integer", nullable: false),
                    silver_spend = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    silver_loyalty = table.Column<short>(type: "smallint", nullable: false),
                    gold_spend = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    gold_loyalty = table.Column<short>(type: "smallint", nullable: false),
                    diamond_spend = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    diamond_loyalty = table.Column<short>(type: "smallint", nullable: false),
                    standard_benefits = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    silver_benefits = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    gold_benefits = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    diamond_benefits = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_settings", x => x.store_id);
                    table.ForeignKey(
                        name: "fk_loyalty_settings_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_loyalty",
                columns: table => new
                {
                    vehicle_id = table.Column<long>(type: "bigint", nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    category = table.Column<short>(type: "smallint", nullable: true),
                    missed = table.Column<short>(type: "smallint", nullable: false),
                    anchor = table.Column<DateOnly>(type: "date", nullable: true),
                    due_by = table.Column<DateOnly>(type: "date", nullable: true),
                    calculated_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_loyalty", x => x.vehicle_id);
                    table.ForeignKey(
                        name: "fk_vehicle_loyalty_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loyalty_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    on_date = table.Column<DateOnly>(type: "date", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    old_category = table.Column<short>(type: "smallint", nullable: true),
                    new_category = table.Column<short>(type: "smallint", nullable: true),
                    old_tier = table.Column<short>(type: "smallint", nullable: true),
                    new_tier = table.Column<short>(type: "smallint", nullable: true),
                    cause = table.Column<short>(type: "smallint", nullable: false),
                    spend = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_loyalty_changes_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_loyalty_changes_loyalty_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "loyalty_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loyalty_changes_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_loyalty_at_risk",
                table: "customer_loyalty",
                columns: new[] { "store_id", "risk_until", "customer_id" },
                filter: "risk <> 0");

            migrationBuilder.CreateIndex(
                name: "ix_customer_loyalty_store_id_category_customer_id",
                table: "customer_loyalty",
                columns: new[] { "store_id", "category", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_loyalty_store_id_tier_customer_id",
                table: "customer_loyalty",
                columns: new[] { "store_id", "tier", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_changes_customer_id_id",
                table: "loyalty_changes",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_changes_run_id_customer_id_kind",
                table: "loyalty_changes",
                columns: new[] { "run_id", "customer_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_changes_store_id_on_date_kind",
                table: "loyalty_changes",
                columns: new[] { "store_id", "on_date", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_runs_started_at",
                table: "loyalty_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_loyalty_customer_id",
                table: "vehicle_loyalty",
                column: "customer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_loyalty");

            migrationBuilder.DropTable(
                name: "loyalty_changes");

            migrationBuilder.DropTable(
                name: "loyalty_settings");

            migrationBuilder.DropTable(
                name: "vehicle_loyalty");

            migrationBuilder.DropTable(
                name: "loyalty_runs");

            migrationBuilder.DropColumn(
                name: "payer",
                table: "service_visits");
        }
    }
}
