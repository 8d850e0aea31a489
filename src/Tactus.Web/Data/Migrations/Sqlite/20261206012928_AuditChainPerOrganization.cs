using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainPerOrganization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-edited: keep the data. Every existing entry becomes the system chain (ChainId zero),
            // whose head is the old single head; each existing organisation gets its own chain that
            // continues from where the single chain stood, so its sequences keep growing.
            // The new key needs a rebuild of AuditEntries. It is written out here rather than left to
            // EF, whose rebuild runs after every other operation and would drop the append-only
            // triggers after they were re-created. Existing entries keep their rows as they are.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_AuditEntries" (
                    "ChainId" TEXT NOT NULL,
                    "Sequence" INTEGER NOT NULL,
                    "Action" TEXT NOT NULL,
                    "Actor" TEXT NOT NULL,
                    "Detail" TEXT NULL,
                    "EntityId" TEXT NULL,
                    "EntityType" TEXT NULL,
                    "Hash" TEXT NOT NULL,
                    "IpAddress" TEXT NULL,
                    "OccurredAt" INTEGER NOT NULL,
                    "OrganizationId" TEXT NULL,
                    "Outcome" TEXT NOT NULL,
                    "PatientId" TEXT NULL,
                    "PreviousHash" TEXT NOT NULL,
                    "Role" TEXT NULL,
                    "UserId" TEXT NULL,
                    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("ChainId", "Sequence"));
                INSERT INTO "ef_temp_AuditEntries" ("ChainId", "Sequence", "Action", "Actor", "Detail", "EntityId", "EntityType", "Hash",
                    "IpAddress", "OccurredAt", "OrganizationId", "Outcome", "PatientId", "PreviousHash", "Role", "UserId")
                SELECT '00000000-0000-0000-0000-000000000000', "Sequence", "Action", "Actor", "Detail", "EntityId", "EntityType", "Hash",
                    "IpAddress", "OccurredAt", "OrganizationId", "Outcome", "PatientId", "PreviousHash", "Role", "UserId"
                FROM "AuditEntries";
                DROP TABLE "AuditEntries";
                ALTER TABLE "ef_temp_AuditEntries" RENAME TO "AuditEntries";
                CREATE INDEX "IX_AuditEntries_OrganizationId_OccurredAt" ON "AuditEntries" ("OrganizationId", "OccurredAt");
                CREATE INDEX "IX_AuditEntries_OrganizationId_PatientId" ON "AuditEntries" ("OrganizationId", "PatientId");
                CREATE INDEX "IX_AuditEntries_OrganizationId_Sequence" ON "AuditEntries" ("OrganizationId", "Sequence");
                CREATE INDEX "IX_AuditEntries_OrganizationId_UserId" ON "AuditEntries" ("OrganizationId", "UserId");
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_AuditChainHeads" (
                    "ChainId" TEXT NOT NULL CONSTRAINT "PK_AuditChainHeads" PRIMARY KEY,
                    "StartSequence" INTEGER NOT NULL,
                    "StartHash" TEXT NOT NULL,
                    "LastSequence" INTEGER NOT NULL,
                    "LastHash" TEXT NOT NULL,
                    "LockCounter" INTEGER NOT NULL);
                INSERT INTO "ef_temp_AuditChainHeads" ("ChainId", "StartSequence", "StartHash", "LastSequence", "LastHash", "LockCounter")
                SELECT '00000000-0000-0000-0000-000000000000', 0, 'GENESIS', "LastSequence", "LastHash", "LockCounter" FROM "AuditChainHeads";
                INSERT INTO "ef_temp_AuditChainHeads" ("ChainId", "StartSequence", "StartHash", "LastSequence", "LastHash", "LockCounter")
                SELECT o."Id", h."LastSequence", h."LastHash", h."LastSequence", h."LastHash", 0
                FROM "Organizations" o CROSS JOIN "AuditChainHeads" h WHERE h."LastSequence" > 0;
                DROP TABLE "AuditChainHeads";
                ALTER TABLE "ef_temp_AuditChainHeads" RENAME TO "AuditChainHeads";
                """.Replace("GENESIS", "0000000000000000000000000000000000000000000000000000000000000000", StringComparison.Ordinal));

            // The rebuilt table lost its triggers with the old one: append-only again (SR-14).
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    ChainId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => new { x.ChainId, x.Sequence });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Chains split per organisation cannot be merged back into one without rewriting hashes.
            throw new NotSupportedException("The per-organisation audit chains cannot be merged back into one chain.");
        }
    }
}
