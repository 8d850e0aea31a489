namespace Tactus.Web.Web;

/// <summary>
/// Marks a pure engine: rules, scoring, units, X12, hashing, charts, computed from its inputs alone, with no web,
/// EF or clock dependency, so it is tested directly against the reference (STYLE.md "pure engines").
/// ArchitectureTests finds every marked type and checks it, and the Tactus types it uses, stay that way.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PureEngineAttribute : Attribute;
