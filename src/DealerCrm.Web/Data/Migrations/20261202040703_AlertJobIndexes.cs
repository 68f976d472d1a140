using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertJobIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_leads_uncontacted_watch",
                table: "leads",
                column: "arrived_at",
                filter: "first_contact_at IS NULL AND (uncontacted_alert_hours IS NULL OR uncontacted_alert_hours < 96)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_uncontacted_watch",
                table: "leads");
        }
    }
}
