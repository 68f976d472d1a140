using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrackOverdueNotificationsPerPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "overdue_notified",
                table: "follow_up_plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_leads_out_of_control",
                table: "leads",
                column: "id",
                filter: "is_out_of_control");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_open_due",
                table: "follow_up_plans",
                column: "due_date",
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_open_unnotified_due",
                table: "follow_up_plans",
                column: "due_date",
                filter: "status = 0 AND NOT overdue_notified");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_out_of_control",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_open_due",
                table: "follow_up_plans");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_open_unnotified_due",
                table: "follow_up_plans");

            migrationBuilder.DropColumn(
                name: "overdue_notified",
                table: "follow_up_plans");
        }
    }
}
