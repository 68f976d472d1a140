using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DailyReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans");

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_at_lead",
                table: "lead_events",
                columns: new[] { "at", "lead_id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_owner_changed_at",
                table: "lead_events",
                column: "at",
                filter: "kind = 5");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records",
                columns: new[] { "store_id", "contacted_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "author_id", "result", "business_date" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans",
                columns: new[] { "store_id", "due_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "lead_id", "closed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lead_events_at_lead",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_lead_events_owner_changed_at",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records",
                columns: new[] { "store_id", "contacted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans",
                columns: new[] { "store_id", "due_date" });
        }
    }
}
