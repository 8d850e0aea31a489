using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Audit entries are append-only (SR-14): the store itself refuses to change, remove or truncate them.
            migrationBuilder.Sql("CREATE FUNCTION tactus_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION tactus_audit_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON \"AuditEntries\" FOR EACH STATEMENT EXECUTE FUNCTION tactus_audit_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_entries_no_truncate ON \"AuditEntries\";");
            migrationBuilder.Sql("DROP TRIGGER audit_entries_append_only ON \"AuditEntries\";");
            migrationBuilder.Sql("DROP FUNCTION tactus_audit_append_only();");
        }
    }
}
