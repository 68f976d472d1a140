using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDormantAfterDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "dormant_after_days",
                table: "grade_policies",
                type: "integer",
                nullable: false,
                defaultValue: 90);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "dormant_after_days",
                table: "grade_policies");
        }
    }
}
