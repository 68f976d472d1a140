using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataQualitySnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_visits_store_id_opened_at",
                table: "service_visits");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records");

            migrationBuilder.CreateTable(
                name: "data_quality_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    local_day = table.Column<DateOnly>(type: "date", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    valid_mobile = table.Column<int>(type: "integer", nullable: false),
                    complete_address = table.Column<int>(type: "integer", nullable: false),
                    levels = table.Column<int[]>(type: "integer[]", nullable: false),
                    not_contacted_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    owners = table.Column<int>(type: "integer", nullable: false),
                    owners_contacted_enough = table.Column<int>(type: "integer", nullable: false),
                    owners_not_contacted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_quality_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_data_quality_snapshots_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_store_id_owner_customer_id",
                table: "vehicles",
                columns: new[] { "store_id", "owner_customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_store_id_opened_at",
                table: "service_visits",
                columns: new[] { "store_id", "opened_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id",
                table: "leads",
                columns: new[] { "store_id", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records",
                columns: new[] { "store_id", "contacted_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "author_id", "result", "business_date", "lead_id" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_store_id_closed_at",
                table: "callback_tasks",
                columns: new[] { "store_id", "closed_at" },
                filter: "status = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_data_quality_snapshots_store_id_local_day",
                table: "data_quality_snapshots",
                columns: new[] { "store_id", "local_day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_quality_snapshots");

            migrationBuilder.DropIndex(
                name: "ix_vehicles_store_id_owner_customer_id",
                table: "vehicles");

            migrationBuilder.DropIndex(
                name: "ix_service_visits_store_id_opened_at",
                table: "service_visits");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_store_id_closed_at",
                table: "callback_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_store_id_opened_at",
                table: "service_visits",
                columns: new[] { "store_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id",
                table: "leads",
                columns: new[] { "store_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records",
                columns: new[] { "store_id", "contacted_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "author_id", "result", "business_date" });
        }
    }
}
