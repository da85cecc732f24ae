import GradientDescentChapter

GradientDescentCommand.main()
