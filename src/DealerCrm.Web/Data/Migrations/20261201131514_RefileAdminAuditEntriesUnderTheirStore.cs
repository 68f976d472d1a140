using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefileAdminAuditEntriesUnderTheirStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Admins' entries were filed under the Admin's own store, so that store's managers read other stores'
            // account names. File each under the store it concerns; group-level ones under no store (Admins only).
            migrationBuilder.Sql("""
                UPDATE audit_entries a SET store_id = u.store_id
                FROM users u
                WHERE a.action IN ('admin.user_created', 'admin.user_updated', 'admin.user_roles_changed',
                                   'admin.user_deactivated', 'admin.user_reactivated', 'admin.user_password_reset')
                  AND a.target = 'user:' || u.user_name;

                UPDATE audit_entries a SET store_id = s.id
                FROM stores s
                WHERE a.action = 'admin.store_updated' AND a.target = 'store:' || s.code;

                UPDATE audit_entries SET store_id = CAST(substring(target FROM 7) AS integer)
                WHERE action = 'admin.grade_policy_changed' AND target ~ '^store:[0-9]{1,9}$'
                  AND CAST(substring(target FROM 7) AS integer) IN (SELECT id FROM stores);

                UPDATE audit_entries SET store_id = NULL
                WHERE action IN ('admin.store_created', 'admin.group_updated');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the entries are filed where they belong either way.
        }
    }
}
