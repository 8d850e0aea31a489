using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Audit entries are append-only (SR-14): the store itself refuses to change or remove one.
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER audit_entries_no_delete;");
        }
    }
}
