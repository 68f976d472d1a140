using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataQualityListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads",
                columns: new[] { "store_id", "next_follow_up_date" },
                filter: "status IN (0, 1, 3)")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "customer_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries",
                columns: new[] { "store_id", "invoice_number" })
                .Annotation("Npgsql:IndexInclude", new[] { "lead_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_other_numbers",
                table: "customers",
                column: "store_id",
                filter: "home_phone IS NOT NULL OR office_phone IS NOT NULL OR preferred_contact_number IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "home_phone", "office_phone", "preferred_contact_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_customers_other_numbers",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads",
                columns: new[] { "store_id", "next_follow_up_date" },
                filter: "status IN (0, 1, 3)");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_store_id_invoice_number",
                table: "deliveries",
                columns: new[] { "store_id", "invoice_number" });
        }
    }
}
