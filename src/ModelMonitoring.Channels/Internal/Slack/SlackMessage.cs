namespace ModelMonitoring.Channels.Internal.Slack;

/// <summary>An incoming-webhook message: fallback text and one attachment.</summary>
internal sealed record SlackMessage(string Text, IReadOnlyList<SlackAttachment> Attachments);

/// <summary>A legacy "secondary" attachment: the coloured bar, title, text and fields.</summary>
internal sealed record SlackAttachment(
    string Fallback,
    string Color,
    string Title,
    string Text,
    IReadOnlyList<SlackField> Fields,
    string Footer,
    long Ts);

/// <summary>One field of an attachment; short fields sit two to a row.</summary>
internal sealed record SlackField(string Title, string Value, bool Short);
