namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>A replica's server session blocked in a <c>COPY</c>, and the id of its open transaction.</summary>
internal sealed record BlockedCopy(int Pid, string Xid);
