using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexLeadsByGradeForTheListFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id_grade_id",
                table: "leads",
                columns: new[] { "store_id", "grade", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id_owner_id_grade_id",
                table: "leads",
                columns: new[] { "store_id", "owner_id", "grade", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_store_id_grade_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_store_id_owner_id_grade_id",
                table: "leads");
        }
    }
}
