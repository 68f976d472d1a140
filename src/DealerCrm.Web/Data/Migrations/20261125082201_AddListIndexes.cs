using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads",
                columns: new[] { "store_id", "next_follow_up_date" },
                filter: "status IN (0, 1, 3)");

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_arrived",
                table: "leads",
                columns: new[] { "store_id", "arrived_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id",
                table: "leads",
                columns: new[] { "store_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_owner_id",
                table: "leads",
                columns: new[] { "store_id", "owner_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_store_id",
                table: "audit_entries",
                columns: new[] { "store_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_open_by_next_plan",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_arrived",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_owner_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_store_id",
                table: "audit_entries");
        }
    }
}
