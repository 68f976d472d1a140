using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DailyReportHistoryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_lead_events_at_lead",
                table: "lead_events",
                columns: new[] { "at", "lead_id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_owner_changed_at",
                table: "lead_events",
                column: "at",
                filter: "kind = 5");
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
        }
    }
}
