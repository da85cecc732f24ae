import BackpropChapter

BackpropCommand.main()
