using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallbackReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_answers_task_id_question_version_id",
                table: "callback_answers");

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_store_id_due_date",
                table: "callback_tasks",
                columns: new[] { "store_id", "due_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "type", "overall_satisfaction", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_answers_task_id_question_version_id",
                table: "callback_answers",
                columns: new[] { "task_id", "question_version_id" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "value", "problem_category" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_store_id_due_date",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ix_callback_answers_task_id_question_version_id",
                table: "callback_answers");

            migrationBuilder.CreateIndex(
                name: "ix_callback_answers_task_id_question_version_id",
                table: "callback_answers",
                columns: new[] { "task_id", "question_version_id" },
                unique: true);
        }
    }
}
