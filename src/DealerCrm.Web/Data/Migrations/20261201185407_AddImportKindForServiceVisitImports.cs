using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddImportKindForServiceVisitImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lead_imports_store_id_imported_at",
                table: "lead_imports");

            migrationBuilder.AddColumn<int>(
                name: "kind",
                table: "lead_imports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "updated",
                table: "lead_imports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_lead_imports_store_id_kind_imported_at",
                table: "lead_imports",
                columns: new[] { "store_id", "kind", "imported_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lead_imports_store_id_kind_imported_at",
                table: "lead_imports");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "lead_imports");

            migrationBuilder.DropColumn(
                name: "updated",
                table: "lead_imports");

            migrationBuilder.CreateIndex(
                name: "ix_lead_imports_store_id_imported_at",
                table: "lead_imports",
                columns: new[] { "store_id", "imported_at" });
        }
    }
}
