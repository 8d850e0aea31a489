using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CorrectedClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PreviousClaimId",
                table: "VisitCodings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesClaimId",
                table: "Claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplacesPayerControlNumber",
                table: "Claims",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousClaimId",
                table: "VisitCodings");

            migrationBuilder.DropColumn(
                name: "ReplacesClaimId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "ReplacesPayerControlNumber",
                table: "Claims");
        }
    }
}
