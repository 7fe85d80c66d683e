"""Which language each article is written in: the open article's header and the list's marks
say Nynorsk (or another language) where the nb→en model may translate poorly."""
