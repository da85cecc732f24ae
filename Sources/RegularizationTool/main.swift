import RegularizationChapter

RegularizationCommand.main()
