using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportRowsWithoutPerRowKeyChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_incoming_leads_lead_imports_import_batch_id",
                table: "incoming_leads");

            migrationBuilder.DropForeignKey(
                name: "fk_incoming_leads_stores_store_id",
                table: "incoming_leads");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_incoming_leads_lead_imports_import_batch_id",
                table: "incoming_leads",
                column: "import_batch_id",
                principalTable: "lead_imports",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_incoming_leads_stores_store_id",
                table: "incoming_leads",
                column: "store_id",
                principalTable: "stores",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
