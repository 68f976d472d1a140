using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplacementWeeklyCaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "replacement_weekly_per_consultant",
                table: "callback_settings",
                type: "integer",
                nullable: false,
                defaultValue: 25);

            migrationBuilder.AddColumn<int>(
                name: "replacement_weekly_to_queue",
                table: "callback_settings",
                type: "integer",
                nullable: false,
                defaultValue: 100);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "replacement_weekly_per_consultant",
                table: "callback_settings");

            migrationBuilder.DropColumn(
                name: "replacement_weekly_to_queue",
                table: "callback_settings");
        }
    }
}
