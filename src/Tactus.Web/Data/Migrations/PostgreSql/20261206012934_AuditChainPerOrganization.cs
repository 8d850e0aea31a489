using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
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
            migrationBuilder.DropPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries");

            migrationBuilder.AddColumn<Guid>(
                name: "ChainId",
                table: "AuditEntries",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries",
                columns: new[] { "ChainId", "Sequence" });

            migrationBuilder.Sql("""
                ALTER TABLE "AuditChainHeads" DROP CONSTRAINT "PK_AuditChainHeads";
                ALTER TABLE "AuditChainHeads" ADD "ChainId" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
                ALTER TABLE "AuditChainHeads" ADD "StartSequence" bigint NOT NULL DEFAULT 0;
                ALTER TABLE "AuditChainHeads" ADD "StartHash" character(64) NOT NULL DEFAULT 'GENESIS';
                ALTER TABLE "AuditChainHeads" DROP COLUMN "Id";
                ALTER TABLE "AuditChainHeads" ALTER COLUMN "ChainId" DROP DEFAULT;
                ALTER TABLE "AuditChainHeads" ALTER COLUMN "StartSequence" DROP DEFAULT;
                ALTER TABLE "AuditChainHeads" ALTER COLUMN "StartHash" DROP DEFAULT;
                ALTER TABLE "AuditChainHeads" ADD CONSTRAINT "PK_AuditChainHeads" PRIMARY KEY ("ChainId");
                INSERT INTO "AuditChainHeads" ("ChainId", "StartSequence", "StartHash", "LastSequence", "LastHash", "LockCounter")
                SELECT o."Id", h."LastSequence", h."LastHash", h."LastSequence", h."LastHash", 0
                FROM "Organizations" o CROSS JOIN "AuditChainHeads" h
                WHERE h."ChainId" = '00000000-0000-0000-0000-000000000000' AND h."LastSequence" > 0;
                """.Replace("GENESIS", "0000000000000000000000000000000000000000000000000000000000000000", StringComparison.Ordinal));

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    ChainId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Signature = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
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
