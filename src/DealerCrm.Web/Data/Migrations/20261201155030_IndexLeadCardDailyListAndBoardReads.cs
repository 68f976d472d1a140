using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexLeadCardDailyListAndBoardReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_open_by_owner_due",
                table: "follow_up_plans");

            migrationBuilder.CreateIndex(
                name: "ix_orders_lead",
                table: "orders",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_customer",
                table: "leads",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_not_contacted",
                table: "leads",
                columns: new[] { "store_id", "owner_id", "created_at" },
                filter: "status = 0 AND first_contact_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_open_board",
                table: "leads",
                columns: new[] { "store_id", "owner_id", "grade", "status", "next_follow_up_date" },
                filter: "status IN (0, 1, 3)");

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_created",
                table: "leads",
                columns: new[] { "store_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_lead",
                table: "follow_up_plans",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_open_by_owner_due",
                table: "follow_up_plans",
                columns: new[] { "store_id", "owner_id", "due_date", "id" },
                filter: "status = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_lead",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_leads_customer",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_not_contacted",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_open_board",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_created",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_lead",
                table: "follow_up_plans");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_open_by_owner_due",
                table: "follow_up_plans");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_open_by_owner_due",
                table: "follow_up_plans",
                columns: new[] { "store_id", "owner_id", "due_date" },
                filter: "status = 0");
        }
    }
}
