using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstrumentValueSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstrumentValueSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RightsStatement = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Constant = table.Column<decimal>(type: "TEXT", precision: 8, scale: 5, nullable: false),
                    Decrements = table.Column<string>(type: "TEXT", nullable: false),
                    SuppliedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    SuppliedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentValueSets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentValueSets_OrganizationId_Instrument",
                table: "InstrumentValueSets",
                columns: new[] { "OrganizationId", "Instrument" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstrumentValueSets");
        }
    }
}
