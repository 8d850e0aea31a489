using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    JsonWebKeySet = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdsFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "text", nullable: false),
                    OverrideReasonCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OverrideComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
