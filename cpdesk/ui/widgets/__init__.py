"""Small reusable widgets: status icons, the message banner, labelled fields."""
