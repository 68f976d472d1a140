using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_store_id_order_date",
                table: "orders",
                columns: new[] { "store_id", "order_date" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_rescued_at",
                table: "lead_events",
                column: "at",
                filter: "kind = 11");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_leads_store_id_arrived_at",
                table: "incoming_leads",
                columns: new[] { "store_id", "arrived_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records",
                columns: new[] { "store_id", "contacted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans",
                columns: new[] { "store_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries",
                columns: new[] { "store_id", "invoice_number" });

            migrationBuilder.CreateIndex(
                name: "ix_defeat_requests_store_id_decided_at",
                table: "defeat_requests",
                columns: new[] { "store_id", "decided_at" },
                filter: "decided_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_store_id_order_date",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_lead_events_rescued_at",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_incoming_leads_store_id_arrived_at",
                table: "incoming_leads");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_records_store_id_contacted_at",
                table: "follow_up_records");

            migrationBuilder.DropIndex(
                name: "ix_follow_up_plans_store_id_due_date",
                table: "follow_up_plans");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_defeat_requests_store_id_decided_at",
                table: "defeat_requests");
        }
    }
}
