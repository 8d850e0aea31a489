using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CdsHooksClientsAndFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CdsClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    JsonWebKeySet = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdsFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "TEXT", nullable: false),
                    OverrideReasonCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OverrideComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutcomeAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsFeedback", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CdsClients_Issuer",
                table: "CdsClients",
                column: "Issuer",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CdsFeedback_OrganizationId_ServiceId_OutcomeAt",
                table: "CdsFeedback",
                columns: new[] { "OrganizationId", "ServiceId", "OutcomeAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CdsClients");

            migrationBuilder.DropTable(
                name: "CdsFeedback");
        }
    }
}
