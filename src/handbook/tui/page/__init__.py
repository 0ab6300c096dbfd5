"""What the page view draws and finds, apart from the widget: rendering a section, capping hostile blocks,
blocks and their heights, find matches, and the Next/Previous lines at a page's end."""
